import { del, getItems, post } from './http'
import type { ApiKey, NewApiKey } from './types'

export const listKeys = () => getItems<ApiKey>('/me/keys')
export const createKey = (name: string) => post<NewApiKey>('/me/keys', { name })
export const deleteKey = (id: number) => del<void>(`/me/keys/${id}`)
