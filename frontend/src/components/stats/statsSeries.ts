// The stats socket's samples turned into the few series the charts draw: CPU %, memory, and
// network rates (bytes/s from the deltas of the cumulative counters).
import type { Envelope } from '../../live/socket'

export interface StatsSample {
  read: string
  cpuPercent: number
  memoryUsage: number
  memoryLimit: number
  memoryPercent: number
  networkRx: number
  networkTx: number
  pids: number
}

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0)

export function parseStats(msg: Envelope): StatsSample | null {
  if (msg.type !== 'stats') return null
  return {
    read: typeof msg.read === 'string' ? msg.read : '',
    cpuPercent: num(msg.cpuPercent),
    memoryUsage: num(msg.memoryUsage),
    memoryLimit: num(msg.memoryLimit),
    memoryPercent: num(msg.memoryPercent),
    networkRx: num(msg.networkRx),
    networkTx: num(msg.networkTx),
    pids: num(msg.pids),
  }
}

export interface Series {
  cpu: number[]
  memory: number[]
  rx: number[]
  tx: number[]
  latest: StatsSample | null
}

export const emptySeries = (): Series => ({ cpu: [], memory: [], rx: [], tx: [], latest: null })

function pushCapped(xs: number[], v: number, max: number): number[] {
  const out = xs.length >= max ? xs.slice(xs.length - max + 1) : xs.slice()
  out.push(v)
  return out
}

/** A new series with the sample appended (at most max points kept per line). */
export function addSample(s: Series, sample: StatsSample, max = 60): Series {
  const prev = s.latest
  let rx = 0
  let tx = 0
  if (prev) {
    const dt = (Date.parse(sample.read) - Date.parse(prev.read)) / 1000
    const secs = Number.isFinite(dt) && dt > 0 ? dt : 1
    // A counter that went down was reset (a restart): no rate for this step.
    rx = Math.max(0, sample.networkRx - prev.networkRx) / secs
    tx = Math.max(0, sample.networkTx - prev.networkTx) / secs
  }
  return {
    cpu: pushCapped(s.cpu, sample.cpuPercent, max),
    memory: pushCapped(s.memory, sample.memoryUsage, max),
    rx: prev ? pushCapped(s.rx, rx, max) : s.rx,
    tx: prev ? pushCapped(s.tx, tx, max) : s.tx,
    latest: sample,
  }
}

export function bytes(n: number): string {
  if (n >= 1 << 30) return `${(n / (1 << 30)).toFixed(2)} GiB`
  if (n >= 1 << 20) return `${(n / (1 << 20)).toFixed(1)} MiB`
  if (n >= 1 << 10) return `${(n / (1 << 10)).toFixed(1)} KiB`
  return `${Math.round(n)} B`
}
