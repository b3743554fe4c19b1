import { mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import { setToken } from '../../api/http'
import TerminalPane from './TerminalPane.vue'

// xterm needs a real layout engine; the fake records what the component does with it.
const { FakeTerminal, terms } = vi.hoisted(() => {
  const terms: InstanceType<typeof FakeTerminal>[] = []
  class FakeTerminal {
    cols = 80
    rows = 24
    written: unknown[] = []
    disposed = false
    dataHandler: (d: string) => void = () => {}
    resizeHandler: (s: { cols: number; rows: number }) => void = () => {}
    constructor() {
      terms.push(this)
    }
    loadAddon() {}
    open() {}
    focus() {}
    write(d: unknown) {
      this.written.push(d)
    }
    onData(h: (d: string) => void) {
      this.dataHandler = h
    }
    onResize(h: (s: { cols: number; rows: number }) => void) {
      this.resizeHandler = h
    }
    dispose() {
      this.disposed = true
    }
  }
  return { FakeTerminal, terms }
})
vi.mock('@xterm/xterm', () => ({ Terminal: FakeTerminal }))
vi.mock('@xterm/addon-fit', () => ({ FitAddon: class { fit() {} } }))
vi.mock('@xterm/xterm/css/xterm.css', () => ({}))

const sockets: FakeSocket[] = []
class FakeSocket {
  static OPEN = 1
  readyState = 0
  sent: string[] = []
  closed = false
  binaryType = 'blob'
  onopen: (() => void) | null = null
  onmessage: ((e: { data: unknown }) => void) | null = null
  onclose: ((e: { code: number; reason: string }) => void) | null = null
  constructor(readonly url: string, readonly protocols: string[]) {
    sockets.push(this)
  }
  send(d: string) {
    this.sent.push(d)
  }
  close() {
    this.closed = true
  }
  serverOpens() {
    this.readyState = 1
    this.onopen?.()
  }
}

describe('TerminalPane', () => {
  beforeEach(() => {
    terms.length = 0
    sockets.length = 0
    vi.stubGlobal('WebSocket', FakeSocket)
    vi.useFakeTimers()
    setToken('jwt-1')
  })
  afterEach(() => {
    vi.unstubAllGlobals()
    vi.useRealTimers()
    setToken(null)
  })

  it('speaks the envelope and keeps the token out of the URL', async () => {
    const w = mount(TerminalPane, { props: { host: 'local', containerId: 'c1', pingMs: 1000 } })
    const s = sockets[0]
    expect(s.url).toMatch(/\/api\/hosts\/local\/containers\/c1\/terminal$/)
    expect(s.url).not.toContain('jwt-1')
    expect(s.protocols).toContain('bearer.jwt-1')
    expect(s.binaryType).toBe('arraybuffer')

    s.serverOpens()
    await nextTick()
    expect(JSON.parse(s.sent[0])).toEqual({ type: 'resize', cols: 80, rows: 24 })
    terms[0].dataHandler('echo hi\r')
    terms[0].resizeHandler({ cols: 100, rows: 30 })
    vi.advanceTimersByTime(1000)
    expect(s.sent.slice(1).map((m) => JSON.parse(m))).toEqual([
      { type: 'input', data: 'echo hi\r' },
      { type: 'resize', cols: 100, rows: 30 },
      { type: 'ping' },
    ])

    const bytes = new TextEncoder().encode('hi\r\n')
    s.onmessage?.({ data: bytes.buffer })
    s.onmessage?.({ data: '{"type":"output","data":"$ "}' })
    expect(terms[0].written).toEqual([bytes, '$ '])

    s.onmessage?.({ data: '{"type":"exit","code":0}' })
    expect(w.emitted('exit')).toEqual([[0]])
    w.unmount()
  })

  it('shows why the socket closed', async () => {
    const w = mount(TerminalPane, { props: { host: 'local', containerId: 'c1' } })
    sockets[0].onclose?.({ code: 1008, reason: 'operator role required' })
    await nextTick()
    expect(w.get('[data-test=terminal-state]').text()).toBe('operator role required')
    w.unmount()
  })

  it('attach mode opens the attach socket, and Reconnect opens a fresh one after a close', async () => {
    const w = mount(TerminalPane, { props: { host: 'local', containerId: 'c1', mode: 'attach' } })
    expect(sockets[0].url).toMatch(/\/api\/hosts\/local\/containers\/c1\/attach$/)
    expect(sockets[0].protocols[0]).toBe('berth.terminal.v1')
    sockets[0].serverOpens()
    await nextTick()
    expect(w.get('[data-test=terminal-state]').text()).toBe('Attached to the main process.')
    expect(w.find('[data-test=terminal-reconnect]').exists()).toBe(false)
    sockets[0].onmessage?.({ data: '{"type":"error","message":"idle timeout"}' })
    sockets[0].onclose?.({ code: 1000, reason: 'idle timeout' })
    await nextTick()
    expect(w.get('[data-test=terminal-state]').text()).toBe('idle timeout')
    await w.get('[data-test=terminal-reconnect]').trigger('click')
    expect(sockets).toHaveLength(2)
    expect(sockets[1].url).toMatch(/\/attach$/)
    expect(terms).toHaveLength(1) // same xterm, scrollback kept
    w.unmount()
  })

  it('disposes xterm, the socket and the heartbeat on unmount', () => {
    const w = mount(TerminalPane, { props: { host: 'local', containerId: 'c1', pingMs: 1000 } })
    const s = sockets[0]
    s.serverOpens()
    w.unmount()
    expect(s.closed).toBe(true)
    expect(terms[0].disposed).toBe(true)
    const before = s.sent.length
    vi.advanceTimersByTime(5000)
    expect(s.sent.length).toBe(before)
  })
})
