// The one WebSocket opener for the gateway's live channels (see notes LIVE.md): URL without
// credentials, the bearer token as a subprotocol, JSON text envelopes, optional binary frames,
// a client {type:"ping"} heartbeat, and (for listen-only channels) reconnect with backoff.
import { buildUrl, getToken, type Query } from '../api/http'

export type LiveKind = 'terminal' | 'logs' | 'events' | 'stats'
export type LiveState = 'connecting' | 'open' | 'retrying' | 'closed'
export type Envelope = Record<string, unknown> & { type: string }

export interface LiveOptions {
  kind: LiveKind
  /** API path under /api, e.g. /hosts/local/containers/c1/logs/live */
  path: string
  /** Evaluated on every (re)connect, so a resume cursor can go in it. */
  query?: () => Query | undefined
  onMessage: (msg: Envelope) => void
  onBinary?: (bytes: Uint8Array) => void
  onState?: (state: LiveState, detail: { code?: number; reason?: string }) => void
  /** Reconnect after an unexpected close (not after 1000 normal end or 1008 policy). */
  reconnect?: boolean
  pingMs?: number
  /** Backoff bounds for reconnects. */
  minDelayMs?: number
  maxDelayMs?: number
}

export interface LiveChannel {
  send(msg: Envelope): boolean
  sendBytes(bytes: Uint8Array): boolean
  /** Ends the channel for good; no reconnect follows. */
  close(): void
  /** Opens a fresh socket now (after a close or while waiting to retry). */
  reopen(): void
  readonly state: LiveState
}

export const NORMAL_CLOSE = 1000
export const POLICY_CLOSE = 1008

export function liveUrl(location: Pick<Location, 'protocol' | 'host'>, path: string, query?: Query): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:'
  return `${scheme}//${location.host}${buildUrl(path, query)}`
}

/** The token travels as a subprotocol, never in the URL (URLs end up in logs). */
export function liveProtocols(kind: LiveKind, token: string | null): string[] {
  return token ? [`berth.${kind}.v1`, `bearer.${token}`] : [`berth.${kind}.v1`]
}

/** Parses a text frame; anything but a JSON object with a string type is dropped. */
export function parseEnvelope(frame: string): Envelope | null {
  try {
    const m = JSON.parse(frame)
    return m && typeof m === 'object' && !Array.isArray(m) && typeof m.type === 'string' ? (m as Envelope) : null
  } catch {
    return null
  }
}

export function openLive(opts: LiveOptions): LiveChannel {
  const pingMs = opts.pingMs ?? 25000
  const minDelay = opts.minDelayMs ?? 1000
  const maxDelay = opts.maxDelayMs ?? 15000
  let socket: WebSocket | null = null
  let state: LiveState = 'connecting'
  let ended = false
  let delay = minDelay
  let pinger: ReturnType<typeof setInterval> | undefined
  let retry: ReturnType<typeof setTimeout> | undefined

  function setState(next: LiveState, detail: { code?: number; reason?: string } = {}) {
    state = next
    opts.onState?.(next, detail)
  }

  function connect() {
    clearTimeout(retry)
    retry = undefined
    setState(state === 'retrying' ? 'retrying' : 'connecting')
    const ws = new WebSocket(liveUrl(window.location, opts.path, opts.query?.()), liveProtocols(opts.kind, getToken()))
    socket = ws
    ws.binaryType = 'arraybuffer'
    ws.onopen = () => {
      delay = minDelay
      setState('open')
      pinger = setInterval(() => send({ type: 'ping' }), pingMs)
    }
    ws.onmessage = (ev: MessageEvent) => {
      if (typeof ev.data !== 'string') {
        opts.onBinary?.(new Uint8Array(ev.data as ArrayBuffer))
        return
      }
      const msg = parseEnvelope(ev.data)
      if (msg && msg.type !== 'pong') opts.onMessage(msg)
    }
    ws.onclose = (ev: CloseEvent) => {
      clearInterval(pinger)
      socket = null
      const final = ended || !opts.reconnect || ev.code === NORMAL_CLOSE || ev.code === POLICY_CLOSE
      if (final) {
        ended = true
        setState('closed', { code: ev.code, reason: ev.reason })
        return
      }
      setState('retrying', { code: ev.code, reason: ev.reason })
      retry = setTimeout(connect, delay)
      delay = Math.min(delay * 2, maxDelay)
    }
  }

  function send(msg: Envelope): boolean {
    if (socket?.readyState !== WebSocket.OPEN) return false
    socket.send(JSON.stringify(msg))
    return true
  }

  function sendBytes(bytes: Uint8Array): boolean {
    if (socket?.readyState !== WebSocket.OPEN) return false
    socket.send(bytes)
    return true
  }

  function close() {
    ended = true
    clearTimeout(retry)
    clearInterval(pinger)
    if (socket) {
      socket.onclose = null
      socket.onmessage = null
      socket.close(NORMAL_CLOSE)
      socket = null
    }
    if (state !== 'closed') setState('closed', { code: NORMAL_CLOSE })
  }

  function reopen() {
    if (socket) {
      socket.onclose = null
      socket.close(NORMAL_CLOSE)
      socket = null
    }
    clearInterval(pinger)
    ended = false
    delay = minDelay
    state = 'connecting'
    connect()
  }

  connect()
  return {
    send,
    sendBytes,
    close,
    reopen,
    get state() {
      return state
    },
  }
}
