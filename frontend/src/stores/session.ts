import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import * as auth from '../api/auth'
import { getToken, setToken } from '../api/http'
import type { Status, User } from '../api/types'

export const useSessionStore = defineStore('session', () => {
  const user = ref<User | null>(null)
  const status = ref<Status | null>(null)
  const expiresAt = ref<string | null>(null)

  const signedIn = computed(() => user.value !== null)
  const isAdmin = computed(() => user.value?.globalRole === 'admin')

  async function loadStatus(): Promise<Status> {
    status.value = await auth.getStatus()
    return status.value
  }

  /** Brings back the session of this tab after a reload, if its token still works. */
  async function restore(): Promise<boolean> {
    if (user.value) return true
    if (!getToken()) return false
    try {
      user.value = await auth.getMe()
      return true
    } catch {
      // A dead token was already dropped by the http wrapper (401); after a network error the
      // token stays, so signing in is only needed if it really expired.
      return false
    }
  }

  async function signIn(username: string, password: string): Promise<void> {
    const result = await auth.login(username, password)
    setToken(result.token)
    expiresAt.value = result.expiresAt
    user.value = result.user
  }

  async function setupAdmin(username: string, password: string): Promise<void> {
    await auth.setup(username, password)
    if (status.value) status.value = { ...status.value, setupRequired: false }
    await signIn(username, password)
  }

  async function signOut(): Promise<void> {
    try {
      await auth.logout()
    } finally {
      forget()
    }
  }

  /** Drops the local session without asking the server (it already said 401). */
  function forget(): void {
    setToken(null)
    user.value = null
    expiresAt.value = null
  }

  return { user, status, expiresAt, signedIn, isAdmin, loadStatus, restore, signIn, setupAdmin, signOut, forget }
})
