import { createRouter, createWebHistory, type RouteLocationNormalized, type RouteRecordRaw } from 'vue-router'
import type { Capability } from './composables/useHostRole'
import { allows } from './composables/useHostRole'
import { useHostsStore } from './stores/hosts'
import { useSessionStore } from './stores/session'

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without a session. */
    public?: boolean
    /** Needs the global admin role. */
    admin?: boolean
    /** Needs at least this capability on the route's :host. */
    hostCapability?: Capability
    title?: string
  }
}

// Every view is its own chunk, so the first load carries only the shell.
export const routes: RouteRecordRaw[] = [
  { path: '/setup', name: 'setup', component: () => import('./views/auth/SetupView.vue'), meta: { public: true, title: 'Set up Berth' } },
  { path: '/login', name: 'login', component: () => import('./views/auth/LoginView.vue'), meta: { public: true, title: 'Sign in' } },
  { path: '/', name: 'dashboard', component: () => import('./views/dashboard/DashboardView.vue'), meta: { title: 'Hosts' } },
  { path: '/hosts/:host/containers', name: 'containers', component: () => import('./views/containers/ContainersView.vue'), props: true, meta: { hostCapability: 'view', title: 'Containers' } },
  { path: '/hosts/:host/containers/new', name: 'container-create', component: () => import('./views/containers/ContainerCreateView.vue'), props: true, meta: { hostCapability: 'manage', title: 'Create container' } },
  { path: '/hosts/:host/containers/:id', name: 'container', component: () => import('./views/containers/ContainerDetailView.vue'), props: true, meta: { hostCapability: 'view', title: 'Container' } },
  { path: '/hosts/:host/images', name: 'images', component: () => import('./views/images/ImagesView.vue'), props: true, meta: { hostCapability: 'view', title: 'Images' } },
  { path: '/hosts/:host/networks', name: 'networks', component: () => import('./views/networks/NetworksView.vue'), props: true, meta: { hostCapability: 'view', title: 'Networks' } },
  { path: '/hosts/:host/volumes', name: 'volumes', component: () => import('./views/volumes/VolumesView.vue'), props: true, meta: { hostCapability: 'view', title: 'Volumes' } },
  { path: '/account/keys', name: 'keys', component: () => import('./views/account/ApiKeysView.vue'), meta: { title: 'API keys' } },
  { path: '/admin/users', name: 'users', component: () => import('./views/admin/UsersView.vue'), meta: { admin: true, title: 'Users' } },
  { path: '/admin/teams', name: 'teams', component: () => import('./views/admin/TeamsView.vue'), meta: { admin: true, title: 'Teams' } },
  { path: '/admin/hosts', name: 'hosts-admin', component: () => import('./views/admin/HostsAdminView.vue'), meta: { admin: true, title: 'Manage hosts' } },
  { path: '/admin/hosts/:host/access', name: 'host-access', component: () => import('./views/admin/HostAccessView.vue'), props: true, meta: { hostCapability: 'manage', title: 'Host access' } },
  { path: '/admin/audit', name: 'audit', component: () => import('./views/admin/AuditView.vue'), meta: { admin: true, title: 'Audit log' } },
  { path: '/forbidden', name: 'forbidden', component: () => import('./views/ErrorView.vue'), props: { kind: 'forbidden' }, meta: { title: 'Not allowed' } },
  { path: '/:rest(.*)*', name: 'not-found', component: () => import('./views/ErrorView.vue'), props: { kind: 'not-found' }, meta: { title: 'Not found' } },
]

export async function guard(to: RouteLocationNormalized) {
  const session = useSessionStore()
  if (!session.status) {
    try {
      await session.loadStatus()
    } catch {
      // Gateway unreachable: the login screen shows the error and the banner retries.
      return to.meta.public ? true : { name: 'login', query: { redirect: to.fullPath } }
    }
  }
  if (session.status?.setupRequired) return to.name === 'setup' ? true : { name: 'setup' }
  if (to.name === 'setup') return { name: 'login' }
  if (to.meta.public) return true

  if (!(await session.restore())) return { name: 'login', query: { redirect: to.fullPath } }
  if (to.meta.admin && !session.isAdmin) return { name: 'forbidden' }
  if (to.meta.hostCapability) {
    const hosts = useHostsStore()
    try {
      await hosts.ensureLoaded()
    } catch {
      return true // the view shows the load error
    }
    const role = hosts.roleOn(String(to.params.host))
    if (!role) return { path: '/not-found' }
    if (!allows(role, to.meta.hostCapability)) return { name: 'forbidden' }
  }
  return true
}

export function createAppRouter() {
  const router = createRouter({ history: createWebHistory(), routes })
  router.beforeEach(guard)
  router.afterEach((to) => {
    document.title = to.meta.title ? `${to.meta.title} · Berth` : 'Berth'
  })
  return router
}
