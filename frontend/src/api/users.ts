import { del, get, getItems, patch, post } from './http'
import type { GlobalRole, User } from './types'

export interface UserInput {
  username?: string
  password?: string
  globalRole?: GlobalRole
  disabled?: boolean
}

export const listUsers = () => getItems<User>('/users')
export const getUser = (id: number) => get<User>(`/users/${id}`)
export const createUser = (input: UserInput) => post<User>('/users', input)
export const updateUser = (id: number, input: UserInput) => patch<User>(`/users/${id}`, input)
export const deleteUser = (id: number) => del<void>(`/users/${id}`)
