import { ref } from 'vue'
import { useNoticesStore } from '../stores/notices'
import { useConfirm, type ConfirmRequest } from './useConfirm'

export interface ConfirmedAction<T> {
  /** Asked first; a declined question runs nothing. Leave out for actions that need no question. */
  confirm?: ConfirmRequest | null
  run: () => Promise<T>
  /** A success notice, from the result when a function. */
  success?: string | ((result: T) => string | null)
  /** After a success (reload, navigate); its errors are reported like the action's. */
  then?: (result: T) => unknown
}

/**
 * The views' confirm -> act -> notify pattern in one place: ask (if asked to), run while
 * busy is true, then a success notice and the follow-up, or the error as a notice.
 */
export function useConfirmedAction() {
  const { ask } = useConfirm()
  const notices = useNoticesStore()
  const busy = ref(false)

  async function perform<T>(action: ConfirmedAction<T>): Promise<boolean> {
    if (action.confirm && !(await ask(action.confirm))) return false
    busy.value = true
    try {
      const result = await action.run()
      const text = typeof action.success === 'function' ? action.success(result) : action.success
      if (text) notices.success(text)
      await action.then?.(result)
      return true
    } catch (e) {
      notices.error(e)
      return false
    } finally {
      busy.value = false
    }
  }

  return { busy, perform }
}
