import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import * as auth from './api/auth'
import { setToken } from './api/http'
import * as hostsApi from './api/hosts'
import { guard, routes } from './router'

vi.mock('./api/auth')
vi.mock('./api/hosts')

function router() {
  const r = createRouter({ history: createMemoryHistory(), routes })
  r.beforeEach(guard)
  return r
}

describe('route guard', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    vi.resetAllMocks()
    setToken(null)
    vi.mocked(auth.getStatus).mockResolvedValue({ version: '1', setupRequired: false })
  })

  it('sends everyone to setup until the first admin exists', async () => {
    vi.mocked(auth.getStatus).mockResolvedValue({ version: '1', setupRequired: true })
    const r = router()
    await r.push('/hosts/local/containers')
    expect(r.currentRoute.value.name).toBe('setup')
  })

  it('sends a visitor to login and keeps where they were going', async () => {
    const r = router()
    await r.push('/hosts/local/containers?x=1')
    expect(r.currentRoute.value.name).toBe('login')
    expect(r.currentRoute.value.query.redirect).toBe('/hosts/local/containers?x=1')
  })

  it('keeps a viewer away from operator and admin pages, and hides unknown hosts', async () => {
    setToken('jwt')
    vi.mocked(auth.getMe).mockResolvedValue({ id: 2, username: 'v', globalRole: 'user' })
    vi.mocked(hostsApi.listHosts).mockResolvedValue([{ id: 'local', name: 'local', url: 'unix:///x', role: 'viewer' }])
    const r = router()
    await r.push('/hosts/local/containers')
    expect(r.currentRoute.value.name).toBe('containers')
    await r.push('/hosts/local/containers/new')
    expect(r.currentRoute.value.name).toBe('forbidden')
    await r.push('/admin/users')
    expect(r.currentRoute.value.name).toBe('forbidden')
    await r.push('/hosts/secret/containers')
    expect(r.currentRoute.value.name).toBe('not-found')
  })

  it('lets a host admin create containers', async () => {
    setToken('jwt')
    vi.mocked(auth.getMe).mockResolvedValue({ id: 3, username: 'a', globalRole: 'user' })
    vi.mocked(hostsApi.listHosts).mockResolvedValue([{ id: 'local', name: 'local', url: 'unix:///x', role: 'admin' }])
    const r = router()
    await r.push('/hosts/local/containers/new')
    expect(r.currentRoute.value.name).toBe('container-create')
  })
})
