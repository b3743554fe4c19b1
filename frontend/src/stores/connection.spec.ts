import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as auth from '../api/auth'
import { useConnectionStore } from './connection'

vi.mock('../api/auth')

describe('connection store', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
    vi.resetAllMocks()
  })

  it('probes while the gateway is lost and clears once it answers', async () => {
    const s = useConnectionStore()
    // The real wrapper reports success through its hook; the fake does the same.
    vi.mocked(auth.getStatus)
      .mockRejectedValueOnce(new Error('down'))
      .mockImplementationOnce(async () => {
        s.setReachable(true)
        return { version: '1', setupRequired: false }
      })
    s.setReachable(false)
    expect(s.reachable).toBe(false)
    expect(s.lostSince).toBeInstanceOf(Date)
    await vi.advanceTimersByTimeAsync(3000)
    expect(auth.getStatus).toHaveBeenCalledTimes(1)
    expect(s.reachable).toBe(false)
    await vi.advanceTimersByTimeAsync(3000)
    expect(auth.getStatus).toHaveBeenCalledTimes(2)
    expect(s.reachable).toBe(true)
    expect(s.lostSince).toBeNull()
    await vi.advanceTimersByTimeAsync(10000)
    expect(auth.getStatus).toHaveBeenCalledTimes(2)
  })
})
