import type { PullProgress } from '../../api/types'

export interface LayerProgress {
  id: string
  status: string
  current: number
  total: number
  done: boolean
}

export interface PullState {
  layers: LayerProgress[]
  messages: string[]
  error: string | null
}

const DONE = /^(Pull complete|Already exists|Download complete)$/

export function emptyPull(): PullState {
  return { layers: [], messages: [], error: null }
}

/** Folds one line of Docker's pull stream into the per-layer view. */
export function applyProgress(state: PullState, p: PullProgress): PullState {
  const error = p.errorDetail?.message ?? p.error ?? (p.message && !p.status ? p.message : undefined)
  if (error) return { ...state, error }
  if (!p.id || !p.status || /^Pulling from /.test(p.status) || p.id === p.status) {
    if (p.status) return { ...state, messages: [...state.messages, p.id && !p.status.includes(p.id) ? `${p.id}: ${p.status}` : p.status] }
    return state
  }
  const layers = state.layers.slice()
  let i = layers.findIndex((l) => l.id === p.id)
  if (i < 0) {
    layers.push({ id: p.id, status: '', current: 0, total: 0, done: false })
    i = layers.length - 1
  }
  const prev = layers[i]
  const done = DONE.test(p.status)
  const total = p.progressDetail?.total ?? prev.total
  const current = done && p.status !== 'Download complete' ? total : p.progressDetail?.current ?? prev.current
  layers[i] = { id: p.id, status: p.status, total, current: Math.min(current, total || current), done: prev.done || /^(Pull complete|Already exists)$/.test(p.status) }
  return { ...state, layers }
}

export function percent(l: LayerProgress): number {
  if (l.done) return 100
  return l.total > 0 ? Math.round((100 * l.current) / l.total) : 0
}
