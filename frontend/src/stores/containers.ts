import { defineStore } from 'pinia'
import { computed, reactive, ref } from 'vue'
import * as api from '../api/containers'
import type { ContainerAction } from '../api/containers'
import type { ContainerSummary } from '../api/types'
import { debounce } from '../composables/useLiveEvents'
import type { LiveEvent } from './events'

export type SortKey = 'name' | 'image' | 'state' | 'created'

export interface ListState {
  search: string
  state: string
  sortKey: SortKey
  sortDesc: boolean
  page: number
  pageSize: number
}

export interface BulkResult {
  ok: string[]
  failed: { id: string; message: string }[]
}

// Container event actions that change what the list shows, and the state each one leaves.
const STATE_AFTER: Record<string, string | null> = {
  create: 'created', start: 'running', restart: 'running', unpause: 'running',
  die: 'exited', stop: 'exited', pause: 'paused', rename: null, destroy: null,
}

// dockerd reports "die" a moment before its container list shows the exit, so a list read
// right after an event can be older than the event. For this long an event's state wins
// over a list answer that disagrees, and the list is read again.
const EVENT_WINS_MS = 3000

/** Same container, whether an id is the full 64 hex digits or a short prefix. */
const sameId = (a: string, b: string) => a.startsWith(b) || b.startsWith(a)

/**
 * The containers screen of one host: server-side filter, sort and paging, plus selection,
 * kept current by the events stream.
 */
export const useContainersStore = defineStore('containers', () => {
  const host = ref('')
  const items = ref<ContainerSummary[]>([])
  const total = ref(0)
  const loading = ref(false)
  const error = ref<string | null>(null)
  const selected = ref(new Set<string>())
  const query = reactive<ListState>({ search: '', state: '', sortKey: 'name', sortDesc: false, page: 1, pageSize: 50 })
  // Answers can arrive out of order while typing; only the newest one is shown.
  let generation = 0

  const pageCount = computed(() => Math.max(1, Math.ceil(total.value / query.pageSize)))
  const allOnPageSelected = computed(
    () => items.value.length > 0 && items.value.every((c) => selected.value.has(c.id)),
  )

  // A burst of events (a bulk stop of 200 containers) becomes one reload of the page.
  const relist = debounce(() => void refresh(), 300, 1500)
  const recent = new Map<string, { state: string; at: number }>()

  /** A list answer with the states of recent events laid over it (see EVENT_WINS_MS). */
  function withRecentEvents(list: ContainerSummary[]): ContainerSummary[] {
    const now = Date.now()
    for (const [id, r] of recent) if (now - r.at > EVENT_WINS_MS) recent.delete(id)
    if (!recent.size) return list
    let behind = false
    const out = list.map((c) => {
      const r = [...recent].find(([id]) => sameId(c.id, id))?.[1]
      if (!r || r.state === c.state) return c
      behind = true
      return { ...c, state: r.state }
    })
    if (behind) relist()
    return out
  }

  /**
   * Shows a container event at once on the row it concerns, then reloads the page once the
   * burst settles, so filters, sort order and totals stay right.
   */
  function applyEvent(e: LiveEvent): void {
    if (!host.value || e.host !== host.value || e.event.Type !== 'container') return
    const action = e.event.Action
    if (!(action in STATE_AFTER)) return
    const id = e.event.Actor?.ID ?? ''
    const i = id ? items.value.findIndex((c) => sameId(c.id, id)) : -1
    const state = STATE_AFTER[action]
    if (id && state) recent.set(id, { state, at: Date.now() })
    if (i >= 0) {
      if (action === 'destroy') items.value = items.value.filter((_, j) => j !== i)
      else if (state) items.value[i] = { ...items.value[i], state }
    }
    relist()
  }

  function useHost(id: string): void {
    if (host.value === id) return
    relist.cancel()
    recent.clear()
    host.value = id
    items.value = []
    total.value = 0
    query.page = 1
    selected.value = new Set()
  }

  let inflight: Promise<void> | null = null

  function load(): Promise<void> {
    const p = fetchPage()
    inflight = p
    void p.finally(() => {
      if (inflight === p) inflight = null
    })
    return p
  }

  /**
   * Loads again once the load in flight (if any) has shown its answer. Live updates use it:
   * a newer request would make the list drop the answer about to arrive and wait longer.
   */
  function refresh(): Promise<void> {
    return inflight ? inflight.then(refresh) : load()
  }

  async function fetchPage(): Promise<void> {
    const mine = ++generation
    loading.value = true
    try {
      const page = await api.listContainers(host.value, {
        all: true,
        name: query.search.trim() || undefined,
        status: query.state || undefined,
        sort: (query.sortDesc ? '-' : '') + query.sortKey,
        limit: query.pageSize,
        offset: (query.page - 1) * query.pageSize,
      })
      if (mine !== generation) return
      items.value = withRecentEvents(page.items)
      total.value = page.total
      error.value = null
      if (query.page > pageCount.value) {
        query.page = pageCount.value
        return load()
      }
    } catch (e) {
      if (mine === generation) error.value = e instanceof Error ? e.message : String(e)
    } finally {
      if (mine === generation) loading.value = false
    }
  }

  function setFilter(patch: Partial<Pick<ListState, 'search' | 'state' | 'pageSize'>>): Promise<void> {
    Object.assign(query, patch)
    query.page = 1
    return load()
  }

  function sortBy(key: SortKey): Promise<void> {
    if (query.sortKey === key) query.sortDesc = !query.sortDesc
    else {
      query.sortKey = key
      query.sortDesc = key === 'created'
    }
    return load()
  }

  function goToPage(page: number): Promise<void> {
    query.page = Math.min(Math.max(1, page), pageCount.value)
    return load()
  }

  function toggle(id: string): void {
    const next = new Set(selected.value)
    if (next.has(id)) next.delete(id)
    else next.add(id)
    selected.value = next
  }

  function toggleAllOnPage(): void {
    const next = new Set(selected.value)
    if (allOnPageSelected.value) items.value.forEach((c) => next.delete(c.id))
    else items.value.forEach((c) => next.add(c.id))
    selected.value = next
  }

  function clearSelection(): void {
    selected.value = new Set()
  }

  async function act(ids: string[], action: ContainerAction | 'remove'): Promise<BulkResult> {
    const result: BulkResult = { ok: [], failed: [] }
    // One at a time: the engine serialises them anyway, and the order of failures stays readable.
    for (const id of ids) {
      try {
        if (action === 'remove') await api.removeContainer(host.value, id, true)
        else await api.containerAction(host.value, id, action)
        result.ok.push(id)
      } catch (e) {
        result.failed.push({ id, message: e instanceof Error ? e.message : String(e) })
      }
    }
    clearSelection()
    await load()
    return result
  }

  return {
    host, items, total, loading, error, selected, query, pageCount, allOnPageSelected,
    useHost, load, refresh, applyEvent, setFilter, sortBy, goToPage, toggle, toggleAllOnPage, clearSelection, act,
  }
})
