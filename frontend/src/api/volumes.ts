import { del, getItems, post } from './http'
import type { VolumeSummary } from './types'

const enc = encodeURIComponent
const base = (host: string) => `/hosts/${enc(host)}/volumes`

export const listVolumes = (host: string) => getItems<VolumeSummary>(base(host))
export const createVolume = (host: string, name: string, driver?: string) => post<VolumeSummary>(base(host), { name, driver })
export const removeVolume = (host: string, name: string) => del<void>(`${base(host)}/${enc(name)}`)
