import { get, post } from './http'
import type { LoginResult, Status, User } from './types'

export const getStatus = () => get<Status>('/status')
export const setup = (username: string, password: string) => post<User>('/setup', { username, password })
export const login = (username: string, password: string) => post<LoginResult>('/auth/login', { username, password })
export const logout = () => post<void>('/auth/logout')
export const getMe = () => get<User>('/me')
