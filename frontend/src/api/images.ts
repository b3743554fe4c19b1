import { del, get, getItems, post, requestNdjson } from './http'
import type { ImageSummary, PullProgress } from './types'

const enc = encodeURIComponent
const base = (host: string) => `/hosts/${enc(host)}/images`

export const listImages = (host: string) => getItems<ImageSummary>(base(host))
export const inspectImage = (host: string, ref: string) => get<Record<string, unknown>>(`${base(host)}/${enc(ref)}`)
export const removeImage = (host: string, ref: string, force = false) => del<unknown>(`${base(host)}/${enc(ref)}`, { force })
export const tagImage = (host: string, ref: string, repo: string, tag: string) =>
  post<void>(`${base(host)}/${enc(ref)}/tag`, { repo, tag })
export const pruneImages = (host: string) => post<unknown>(`${base(host)}/prune`)
export const pullImage = (
  host: string,
  image: string,
  tag: string,
  onProgress: (p: PullProgress) => void,
  signal?: AbortSignal,
) => requestNdjson<PullProgress>(`${base(host)}/pull`, { image, tag }, onProgress, signal)
