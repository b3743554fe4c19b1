import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { installHttpHooks } from './api/http'
import { createAppRouter } from './router'
import { useConnectionStore } from './stores/connection'
import { useHostsStore } from './stores/hosts'
import { useSessionStore } from './stores/session'
import './styles.css'

const app = createApp(App)
const pinia = createPinia()
app.use(pinia)
const router = createAppRouter()
app.use(router)

const connection = useConnectionStore(pinia)
installHttpHooks({
  onReachability: (ok) => connection.setReachable(ok),
  onUnauthorized: () => {
    useSessionStore(pinia).forget()
    useHostsStore(pinia).reset()
    const here = router.currentRoute.value
    if (!here.meta.public) router.push({ name: 'login', query: { redirect: here.fullPath, expired: '1' } })
  },
})

// Mount once the first route is resolved, so the shell never renders (and calls the API)
// for a visitor the guard is about to send to the login screen.
router.isReady().then(() => app.mount('#app'))
