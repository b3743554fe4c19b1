// Turns the logs endpoint's answer into lines tagged with their stream.

export interface LogLine {
  stream: 'stdout' | 'stderr'
  text: string
}

function fromEntry(e: unknown): LogLine | null {
  if (typeof e === 'string') return { stream: 'stdout', text: e }
  if (!e || typeof e !== 'object') return null
  const o = e as Record<string, unknown>
  const text = o.text ?? o.line ?? o.message ?? o.log
  if (typeof text !== 'string') return null
  return { stream: o.stream === 'stderr' ? 'stderr' : 'stdout', text: text.replace(/\n$/, '') }
}

export function parseLogs(raw: unknown): LogLine[] {
  if (typeof raw === 'string') return raw.split('\n').filter((l, i, all) => l !== '' || i < all.length - 1).map((text) => ({ stream: 'stdout', text }))
  const entries = Array.isArray(raw) ? raw : raw && typeof raw === 'object' ? ((raw as Record<string, unknown>).lines ?? (raw as Record<string, unknown>).items) : null
  if (!Array.isArray(entries)) return []
  return entries.map(fromEntry).filter((l): l is LogLine => l !== null)
}
