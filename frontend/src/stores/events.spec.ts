import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import ConnectionBanner from '../components/ConnectionBanner.vue'
import { getMe } from '../api/auth'
import { FakeWebSocket } from '../live/fakeWebSocket'
import { useEventsStore, type LiveEvent } from './events'

vi.mock('../api/auth')

const event = (cursor: string, Action: string, ID = 'c1') => ({ type: 'event', host: 'local', cursor, event: { Type: 'container', Action, Actor: { ID, Attributes: {} } } })

describe('events store', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    FakeWebSocket.reset()
    vi.stubGlobal('WebSocket', FakeWebSocket)
    vi.useFakeTimers()
  })
  afterEach(() => {
    useEventsStore().stop()
    vi.unstubAllGlobals()
    vi.useRealTimers()
  })

  it('hands events to subscribers and resumes after the last cursor when the socket comes back', () => {
    const events = useEventsStore()
    const seen: LiveEvent[] = []
    const resync = vi.fn()
    events.subscribe((e) => seen.push(e))
    events.onResync(resync)
    events.start()
    events.start() // one socket only
    expect(FakeWebSocket.all).toHaveLength(1)
    expect(FakeWebSocket.last().protocols[0]).toBe('berth.events.v1')
    expect(FakeWebSocket.last().url).not.toContain('since=')
    FakeWebSocket.last().serverOpens()
    FakeWebSocket.last().serverSends(event('k1', 'start'))
    FakeWebSocket.last().serverSends(event('k2', 'die'))
    expect(seen.map((e) => e.event.Action)).toEqual(['start', 'die'])
    expect(resync).toHaveBeenCalledOnce() // the list a screen loaded before the socket opened may be stale

    FakeWebSocket.last().serverCloses(1006)
    expect(events.state).toBe('retrying')
    vi.advanceTimersByTime(1000)
    expect(FakeWebSocket.last().url).toMatch(/since=k2/)
    FakeWebSocket.last().serverOpens()
    expect(events.state).toBe('open')
    expect(resync).toHaveBeenCalledTimes(2)
  })

  it('tracks host stream state and resyncs when a host comes back', () => {
    const events = useEventsStore()
    const resync = vi.fn()
    events.onResync(resync)
    events.start()
    FakeWebSocket.last().serverOpens()
    resync.mockClear()
    FakeWebSocket.last().serverSends({ type: 'host', host: 'h2', state: 'down' })
    expect(events.hostStates).toEqual({ h2: 'down' })
    FakeWebSocket.last().serverSends({ type: 'host', host: 'h2', state: 'up' })
    expect(events.hostStates.h2).toBe('up')
    expect(resync).toHaveBeenCalledOnce()
  })

  it('shows a lost stream in the banner and clears it on recovery', async () => {
    const events = useEventsStore()
    const w = mount(ConnectionBanner)
    events.start()
    FakeWebSocket.last().serverOpens()
    await nextTick()
    expect(w.find('[data-test=connection-banner]').exists()).toBe(false)
    FakeWebSocket.last().serverCloses(1011, 'engine error')
    await nextTick()
    expect(w.get('[data-test=connection-banner]').text()).toBe('Live updates interrupted. Reconnecting…')
    events.retryNow() // the gateway answers again: no need to wait for the backoff
    FakeWebSocket.last().serverOpens()
    await nextTick()
    expect(w.find('[data-test=connection-banner]').exists()).toBe(false)
  })

  it('stop closes the socket and forgets the cursor', () => {
    const events = useEventsStore()
    events.start()
    const s = FakeWebSocket.last()
    s.serverOpens()
    s.serverSends(event('k9', 'start'))
    events.stop()
    expect(s.closedWith).toBe(1000)
    expect(events.state).toBe('idle')
    events.start()
    expect(FakeWebSocket.last().url).not.toContain('since=')
  })

  it('after a policy close asks the gateway about the session, and resumes only if it is still good', async () => {
    const events = useEventsStore()
    vi.mocked(getMe).mockRejectedValueOnce(new Error('Your session has expired. Please sign in again.'))
    events.start()
    FakeWebSocket.last().serverOpens()
    FakeWebSocket.last().serverCloses(1008, 'the token has expired')
    expect(events.state).toBe('closed')
    await vi.runAllTimersAsync()
    expect(getMe).toHaveBeenCalledOnce()
    expect(FakeWebSocket.all).toHaveLength(1) // the 401 took the user to the login screen: no new socket

    vi.mocked(getMe).mockResolvedValueOnce({ id: 1, username: 'ada', role: 'admin' } as never)
    events.start()
    FakeWebSocket.last().serverOpens()
    FakeWebSocket.last().serverCloses(1008, 'policy')
    await vi.runAllTimersAsync()
    expect(getMe).toHaveBeenCalledTimes(2)
    expect(FakeWebSocket.all).toHaveLength(3)
    expect(events.state).toBe('connecting')
  })
})
