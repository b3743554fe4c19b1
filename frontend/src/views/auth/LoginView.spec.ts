import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import * as auth from '../../api/auth'
import { ApiError } from '../../api/http'
import LoginView from './LoginView.vue'

vi.mock('../../api/auth')

async function render(url: string) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/login', component: LoginView },
      { path: '/:p(.*)*', component: { template: '<p>page</p>' } },
    ],
  })
  await router.push(url)
  const w = mount(LoginView, { global: { plugins: [router] } })
  await w.get('input[name=username]').setValue('root')
  await w.get('input[name=password]').setValue('secret-pw')
  return { w, router }
}

describe('LoginView', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    vi.resetAllMocks()
  })

  it('returns to where the user was after an expired session', async () => {
    vi.mocked(auth.login).mockResolvedValue({ token: 't', expiresAt: '', user: { id: 1, username: 'root', globalRole: 'admin' } })
    const { w, router } = await render('/login?redirect=/hosts/local/containers&expired=1')
    expect(w.text()).toContain('Your session ended')
    await w.get('form').trigger('submit')
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/hosts/local/containers')
  })

  it('refuses to redirect off the app', async () => {
    vi.mocked(auth.login).mockResolvedValue({ token: 't', expiresAt: '', user: { id: 1, username: 'root', globalRole: 'admin' } })
    const { w, router } = await render('/login?redirect=//evil.example/x')
    await w.get('form').trigger('submit')
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/')
  })

  it('shows a failed login', async () => {
    vi.mocked(auth.login).mockRejectedValue(new ApiError(401, 'Wrong username or password.'))
    const { w } = await render('/login')
    await w.get('form').trigger('submit')
    await flushPromises()
    expect(w.get('[role=alert]').text()).toBe('Wrong username or password.')
  })
})
