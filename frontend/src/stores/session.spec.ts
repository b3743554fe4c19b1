import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import * as auth from '../api/auth'
import { ApiError, getToken, setToken } from '../api/http'
import { useSessionStore } from './session'

vi.mock('../api/auth')
const admin = { id: 1, username: 'root', globalRole: 'admin' as const }

describe('session store', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    vi.resetAllMocks()
    setToken(null)
  })

  it('signs in, keeps the token for this tab and knows the role', async () => {
    vi.mocked(auth.login).mockResolvedValue({ token: 'jwt', expiresAt: '2030-01-01T00:00:00Z', user: admin })
    const s = useSessionStore()
    await s.signIn('root', 'pw')
    expect(getToken()).toBe('jwt')
    expect(sessionStorage.getItem('berth.token')).toBe('jwt')
    expect(s.isAdmin).toBe(true)
  })

  it('restores a session from the stored token, and forgets a dead one', async () => {
    setToken('jwt')
    vi.mocked(auth.getMe).mockResolvedValueOnce({ ...admin, globalRole: 'user' })
    const s = useSessionStore()
    expect(await s.restore()).toBe(true)
    expect(s.isAdmin).toBe(false)

    setActivePinia(createPinia())
    vi.mocked(auth.getMe).mockRejectedValueOnce(new ApiError(0, 'Cannot reach the Berth gateway.', 'unreachable'))
    expect(await useSessionStore().restore()).toBe(false)
    expect(getToken()).toBe('jwt') // a network blip does not sign the user out
  })

  it('does not ask the server without a token', async () => {
    expect(await useSessionStore().restore()).toBe(false)
    expect(auth.getMe).not.toHaveBeenCalled()
  })

  it('setup creates the admin, then signs in', async () => {
    vi.mocked(auth.getStatus).mockResolvedValue({ version: '0.1', setupRequired: true })
    vi.mocked(auth.setup).mockResolvedValue(admin)
    vi.mocked(auth.login).mockResolvedValue({ token: 't', expiresAt: '', user: admin })
    const s = useSessionStore()
    await s.loadStatus()
    await s.setupAdmin('root', 'a-long-password')
    expect(s.status?.setupRequired).toBe(false)
    expect(s.signedIn).toBe(true)
  })

  it('signs out locally even when the server call fails', async () => {
    setToken('jwt')
    vi.mocked(auth.logout).mockRejectedValue(new Error('down'))
    const s = useSessionStore()
    s.user = admin
    await expect(s.signOut()).rejects.toThrow('down')
    expect(s.user).toBeNull()
    expect(getToken()).toBeNull()
  })
})
