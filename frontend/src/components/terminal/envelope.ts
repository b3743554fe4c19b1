// The terminal WebSocket's small typed envelope. Client messages are JSON text frames;
// the server's output may come as binary frames (raw bytes) or as JSON "output" envelopes.

export type ClientMessage =
  | { type: 'input'; data: string }
  | { type: 'resize'; cols: number; rows: number }
  | { type: 'ping' }

export type ServerMessage =
  | { type: 'output'; data: string }
  | { type: 'exit'; code: number }
  | { type: 'error'; message: string }
  | { type: 'pong' }

export function encode(msg: ClientMessage): string {
  return JSON.stringify(msg)
}

/** Returns null for anything that is not a well-formed server envelope. */
export function decode(frame: string): ServerMessage | null {
  let m: unknown
  try {
    m = JSON.parse(frame)
  } catch {
    return null
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

export function terminalUrl(location: Pick<Location, 'protocol' | 'host'>, host: string, containerId: string): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:'
  return `${scheme}//${location.host}/api/hosts/${encodeURIComponent(host)}/containers/${encodeURIComponent(containerId)}/terminal`
}
