// The terminal WebSocket's small typed envelope (notes LIVE.md). Client messages are JSON text
// frames; the server's output comes as binary frames (raw bytes) or as JSON "output" envelopes.

export type ClientMessage =
  | { type: 'input'; data: string }
  | { type: 'resize'; cols: number; rows: number }
  | { type: 'ping' }

export type ServerMessage =
  | { type: 'output'; data: string }
  | { type: 'exit'; code: number }
  | { type: 'error'; message: string }
  | { type: 'pong' }

/** terminal: a new shell (exec with a TTY); attach: the container's main process. */
export type TerminalMode = 'terminal' | 'attach'

/** Returns null for anything that is not a well-formed server envelope (text or parsed). */
export function decode(frame: string | object): ServerMessage | null {
  let m: unknown = frame
  if (typeof frame === 'string') {
    try {
      m = JSON.parse(frame)
    } catch {
      return null
    }
  }
  if (!m || typeof m !== 'object') return null
  const o = m as Record<string, unknown>
  switch (o.type) {
    case 'output':
      return typeof o.data === 'string' ? { type: 'output', data: o.data } : null
    case 'exit':
      return typeof o.code === 'number' ? { type: 'exit', code: o.code } : null
    case 'error':
      return typeof o.message === 'string' ? { type: 'error', message: o.message } : null
    case 'pong':
      return { type: 'pong' }
    default:
      return null
  }
}

/** The API path of a terminal or attach socket (credentials never go in it). */
export function terminalPath(host: string, containerId: string, mode: TerminalMode = 'terminal'): string {
  return `/hosts/${encodeURIComponent(host)}/containers/${encodeURIComponent(containerId)}/${mode}`
}
