import { del, get, getItems, patch, post, put } from './http'
import type { Team } from './types'

export const listTeams = () => getItems<Team>('/teams')
export const getTeam = (id: number) => get<Team>(`/teams/${id}`)
export const createTeam = (name: string) => post<Team>('/teams', { name })
export const renameTeam = (id: number, name: string) => patch<Team>(`/teams/${id}`, { name })
export const deleteTeam = (id: number) => del<void>(`/teams/${id}`)
export const addTeamMember = (id: number, userId: number) => put<void>(`/teams/${id}/members/${userId}`)
export const removeTeamMember = (id: number, userId: number) => del<void>(`/teams/${id}/members/${userId}`)
