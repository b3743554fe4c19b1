import { defineStore } from 'pinia'
import { ref } from 'vue'
import * as api from '../api/hosts'
import type { Host, HostRole } from '../api/types'

export const useHostsStore = defineStore('hosts', () => {
  const items = ref<Host[]>([])
  const loaded = ref(false)
  const loading = ref(false)

  async function load(): Promise<Host[]> {
    loading.value = true
    try {
      items.value = await api.listHosts()
      loaded.value = true
      return items.value
    } finally {
      loading.value = false
    }
  }

  async function ensureLoaded(): Promise<void> {
    if (!loaded.value) await load()
  }

  function byId(id: string): Host | undefined {
    return items.value.find((h) => h.id === id)
  }

  function roleOn(id: string): HostRole | null {
    return byId(id)?.role ?? null
  }

  /** The events stream reported the host's engine stream down or back. */
  function markUp(id: string, up: boolean): void {
    const h = byId(id)
    if (h && h.status?.up !== up) h.status = { ...(h.status ?? {}), up }
  }

  function reset(): void {
    items.value = []
    loaded.value = false
  }

  return { items, loaded, loading, load, ensureLoaded, byId, roleOn, markUp, reset }
})
