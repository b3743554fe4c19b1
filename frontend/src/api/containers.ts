import { del, get, post } from './http'
import type { ContainerSpec, ContainerSummary, Page } from './types'

const enc = encodeURIComponent
const base = (host: string) => `/hosts/${enc(host)}/containers`

export type ContainerAction = 'start' | 'stop' | 'restart' | 'kill' | 'pause' | 'unpause'

export interface ContainerQuery {
  all?: boolean
  status?: string
  name?: string
  label?: string
  limit?: number
  offset?: number
  sort?: string
}

export interface LogQuery {
  tail?: number
  since?: number
  stdout?: boolean
  stderr?: boolean
}

export const listContainers = (host: string, q: ContainerQuery) =>
  get<Page<ContainerSummary>>(base(host), { ...q })
export const inspectContainer = (host: string, id: string) => get<Record<string, unknown>>(`${base(host)}/${enc(id)}`)
export const createContainer = (host: string, spec: ContainerSpec) => post<{ id: string }>(base(host), spec)
export const containerAction = (host: string, id: string, action: ContainerAction) =>
  post<void>(`${base(host)}/${enc(id)}/${action}`)
export const removeContainer = (host: string, id: string, force = false) =>
  del<void>(`${base(host)}/${enc(id)}`, { force })
export const containerLogs = (host: string, id: string, q: LogQuery) =>
  get<unknown>(`${base(host)}/${enc(id)}/logs`, { ...q })
