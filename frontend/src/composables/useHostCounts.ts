import { reactive } from 'vue'
import { listContainers } from '../api/containers'
import { listImages } from '../api/images'
import { listNetworks } from '../api/networks'
import { listVolumes } from '../api/volumes'
import type { Host } from '../api/types'

export interface HostCounts {
  running: number
  stopped: number
  /** null when the engine would not list them (an engine without volumes, say). */
  images: number | null
  volumes: number | null
  networks: number | null
}

export type CountsEntry = { counts: HostCounts } | { error: string } | { loading: true }

/** Resource counts per host for the dashboard; a host that is down is not asked. */
export function useHostCounts() {
  const byHost = reactive<Record<string, CountsEntry>>({})

  async function countsOf(id: string): Promise<HostCounts> {
    const countOf = (list: () => Promise<unknown[]>) =>
      Promise.resolve().then(list).then((xs) => xs.length).catch(() => null)
    const [all, running, images, volumes, networks] = await Promise.all([
      listContainers(id, { all: true, limit: 1 }),
      listContainers(id, { all: true, status: 'running', limit: 1 }),
      countOf(() => listImages(id)),
      countOf(() => listVolumes(id)),
      countOf(() => listNetworks(id)),
    ])
    return { running: running.total, stopped: all.total - running.total, images, volumes, networks }
  }

  /** quiet keeps the current counts on screen while new ones load (live updates). */
  async function refresh(hosts: Host[], quiet = false): Promise<void> {
    await Promise.all(
      hosts.map(async (h) => {
        if (h.status && !h.status.up) {
          delete byHost[h.id]
          return
        }
        if (!quiet || !byHost[h.id]) byHost[h.id] = { loading: true }
        try {
          byHost[h.id] = { counts: await countsOf(h.id) }
        } catch (e) {
          byHost[h.id] = { error: e instanceof Error ? e.message : String(e) }
        }
      }),
    )
  }

  return { byHost, refresh }
}
