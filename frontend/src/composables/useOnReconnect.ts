import { watch } from 'vue'
import { useConnectionStore } from '../stores/connection'

/** Runs fn when the gateway answers again after a lost connection, so screens catch up. */
export function useOnReconnect(fn: () => unknown): void {
  const connection = useConnectionStore()
  watch(
    () => connection.reachable,
    (now, before) => {
      if (now && !before) fn()
    },
  )
}
