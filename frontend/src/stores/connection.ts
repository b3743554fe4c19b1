import { defineStore } from 'pinia'
import { ref } from 'vue'
import { getStatus } from '../api/auth'

const PROBE_MS = 3000

/**
 * Whether the gateway answers. Any failed request marks it lost; a probe of the public
 * status route then runs until the gateway answers again, so the banner clears by itself.
 */
export const useConnectionStore = defineStore('connection', () => {
  const reachable = ref(true)
  const lostSince = ref<Date | null>(null)
  let probe: ReturnType<typeof setTimeout> | null = null

  function setReachable(ok: boolean): void {
    if (ok === reachable.value) return
    reachable.value = ok
    lostSince.value = ok ? null : new Date()
    if (!ok) scheduleProbe()
    else if (probe) {
      clearTimeout(probe)
      probe = null
    }
  }

  function scheduleProbe(): void {
    if (probe) return
    probe = setTimeout(async () => {
      probe = null
      try {
        await getStatus() // success flips reachable through the http hook
      } catch {
        // still down
      }
      if (!reachable.value) scheduleProbe()
    }, PROBE_MS)
  }

  return { reachable, lostSince, setReachable }
})
