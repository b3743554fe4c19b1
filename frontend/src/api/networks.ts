import { del, getItems, post } from './http'
import type { NetworkSummary } from './types'

const enc = encodeURIComponent
const base = (host: string) => `/hosts/${enc(host)}/networks`

export interface NetworkInput {
  name: string
  driver?: string
  internal?: boolean
  subnet?: string
}

export const listNetworks = (host: string) => getItems<NetworkSummary>(base(host))
export const createNetwork = (host: string, input: NetworkInput) => post<{ id: string }>(base(host), input)
export const removeNetwork = (host: string, id: string) => del<void>(`${base(host)}/${enc(id)}`)
export const connectNetwork = (host: string, id: string, container: string) =>
  post<void>(`${base(host)}/${enc(id)}/connect`, { container })
export const disconnectNetwork = (host: string, id: string, container: string) =>
  post<void>(`${base(host)}/${enc(id)}/disconnect`, { container })
