import { defineStore } from 'pinia'
import { ref } from 'vue'
import { ApiError } from '../api/http'

export interface Notice {
  id: number
  kind: 'error' | 'success' | 'info'
  text: string
}

/** Toast-style messages; errors stay until dismissed, the rest fade after a few seconds. */
export const useNoticesStore = defineStore('notices', () => {
  const items = ref<Notice[]>([])
  let nextId = 1

  function push(kind: Notice['kind'], text: string): number {
    const id = nextId++
    items.value.push({ id, kind, text })
    if (kind !== 'error') setTimeout(() => dismiss(id), 5000)
    return id
  }

  function dismiss(id: number): void {
    items.value = items.value.filter((n) => n.id !== id)
  }

  const success = (text: string) => push('success', text)
  const error = (e: unknown) => push('error', messageOf(e))

  return { items, push, dismiss, success, error }
})

export function messageOf(e: unknown): string {
  if (e instanceof ApiError) return e.message
  if (e instanceof Error) return e.message
  return String(e)
}
