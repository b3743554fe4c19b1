import { del, get, getItems, patch, post, put } from './http'
import type { Grant, Host, HostInput } from './types'

const enc = encodeURIComponent

export const listHosts = () => getItems<Host>('/hosts')
export const getHost = (id: string) => get<Host>(`/hosts/${enc(id)}`)
export const createHost = (input: HostInput) => post<Host>('/hosts', input)
export const updateHost = (id: string, input: Partial<HostInput>) => patch<Host>(`/hosts/${enc(id)}`, input)
export const deleteHost = (id: string) => del<void>(`/hosts/${enc(id)}`)
export const getAccess = (id: string) => get<{ grants: Grant[] }>(`/hosts/${enc(id)}/access`)
export const putAccess = (id: string, grants: Grant[]) => put<{ grants: Grant[] }>(`/hosts/${enc(id)}/access`, { grants })
