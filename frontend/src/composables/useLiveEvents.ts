import { onBeforeUnmount, onMounted } from 'vue'
import { useEventsStore, type EventListener, type ResyncListener } from '../stores/events'

/** Subscribes a screen to the events stream while it is mounted (no polling). */
export function useLiveEvents(onEvent: EventListener, onResync?: ResyncListener): void {
  const events = useEventsStore()
  const offs: (() => void)[] = []
  onMounted(() => {
    offs.push(events.subscribe(onEvent))
    if (onResync) offs.push(events.onResync(onResync))
  })
  onBeforeUnmount(() => offs.splice(0).forEach((off) => off()))
}

/** Runs fn once calls stop arriving for waitMs, and at least every maxMs while they keep coming. */
export function debounce(fn: () => void, waitMs: number, maxMs = waitMs * 4) {
  let timer: ReturnType<typeof setTimeout> | undefined
  let first = 0
  const fire = () => {
    clearTimeout(timer)
    timer = undefined
    first = 0
    fn()
  }
  const call = () => {
    const now = Date.now()
    if (!first) first = now
    clearTimeout(timer)
    timer = setTimeout(fire, now - first >= maxMs ? 0 : waitMs)
  }
  call.cancel = () => {
    clearTimeout(timer)
    timer = undefined
    first = 0
  }
  return call
}
