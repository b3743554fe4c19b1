import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { setToken } from '../api/http'
import { FakeWebSocket } from './fakeWebSocket'
import { liveProtocols, openLive, parseEnvelope, type LiveState } from './socket'

describe('live socket', () => {
  beforeEach(() => {
    FakeWebSocket.reset()
    vi.stubGlobal('WebSocket', FakeWebSocket)
    vi.useFakeTimers()
    setToken('jwt-9')
  })
  afterEach(() => {
    vi.unstubAllGlobals()
    vi.useRealTimers()
    setToken(null)
  })

  it('puts the token in the subprotocols, never in the URL', () => {
    openLive({ kind: 'logs', path: '/hosts/h 1/containers/c/logs/live', query: () => ({ tail: 10, since: undefined }), onMessage: () => {} })
    const s = FakeWebSocket.last()
    expect(s.url).toBe(`ws://${window.location.host}/api/hosts/h 1/containers/c/logs/live?tail=10`)
    expect(s.url).not.toContain('jwt-9')
    expect(s.protocols).toEqual(['berth.logs.v1', 'bearer.jwt-9'])
    expect(liveProtocols('events', null)).toEqual(['berth.events.v1'])
  })

  it('delivers JSON envelopes and binary frames, drops pongs and garbage, and pings', () => {
    const got: unknown[] = []
    const bytes: Uint8Array[] = []
    openLive({ kind: 'terminal', path: '/x', pingMs: 1000, onMessage: (m) => got.push(m), onBinary: (b) => bytes.push(b) })
    const s = FakeWebSocket.last()
    s.serverOpens()
    s.serverSends({ type: 'exit', code: 3 })
    s.serverSends({ type: 'pong' })
    s.onmessage?.({ data: 'not json' })
    s.serverSends(new TextEncoder().encode('hi').buffer as ArrayBuffer)
    vi.advanceTimersByTime(2100)
    expect(got).toEqual([{ type: 'exit', code: 3 }])
    expect(new TextDecoder().decode(bytes[0])).toBe('hi')
    expect(s.json()).toEqual([{ type: 'ping' }, { type: 'ping' }])
    expect(parseEnvelope('[1]')).toBeNull()
  })

  it('reconnects with growing delays and a fresh query, but not after a normal or policy close', () => {
    let n = 0
    const states: LiveState[] = []
    const ch = openLive({ kind: 'events', path: '/events/live', reconnect: true, minDelayMs: 100, maxDelayMs: 400, query: () => ({ n: ++n }), onMessage: () => {}, onState: (st) => states.push(st) })
    FakeWebSocket.last().serverCloses(1006)
    expect(ch.state).toBe('retrying')
    vi.advanceTimersByTime(99)
    expect(FakeWebSocket.all).toHaveLength(1)
    vi.advanceTimersByTime(1)
    expect(FakeWebSocket.last().url).toMatch(/n=2$/)
    FakeWebSocket.last().serverCloses(1006)
    vi.advanceTimersByTime(199)
    expect(FakeWebSocket.all).toHaveLength(2)
    vi.advanceTimersByTime(1)
    expect(FakeWebSocket.all).toHaveLength(3)
    FakeWebSocket.last().serverOpens()
    expect(states.at(-1)).toBe('open')
    FakeWebSocket.last().serverCloses(1008, 'credential no longer valid')
    vi.advanceTimersByTime(10000)
    expect(FakeWebSocket.all).toHaveLength(3)
    expect(ch.state).toBe('closed')
  })

  it('close() ends it for good: no reconnect, no more pings', () => {
    const ch = openLive({ kind: 'stats', path: '/s', reconnect: true, pingMs: 100, onMessage: () => {} })
    const s = FakeWebSocket.last()
    s.serverOpens()
    ch.close()
    expect(s.closedWith).toBe(1000)
    vi.advanceTimersByTime(5000)
    expect(s.json()).toEqual([])
    expect(FakeWebSocket.all).toHaveLength(1)
    ch.reopen()
    expect(FakeWebSocket.all).toHaveLength(2)
  })
})
