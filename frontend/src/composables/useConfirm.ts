import { reactive } from 'vue'

export interface ConfirmRequest {
  title: string
  message: string
  confirmLabel?: string
  danger?: boolean
}

interface ConfirmState extends ConfirmRequest {
  open: boolean
  resolve: ((ok: boolean) => void) | null
}

// One dialog for the whole app (mounted in App.vue); views just await ask().
const state = reactive<ConfirmState>({ open: false, title: '', message: '', resolve: null })

export function useConfirm() {
  function ask(req: ConfirmRequest): Promise<boolean> {
    state.resolve?.(false)
    Object.assign(state, { confirmLabel: undefined, danger: false }, req, { open: true })
    return new Promise((resolve) => (state.resolve = resolve))
  }

  function answer(ok: boolean): void {
    const resolve = state.resolve
    state.open = false
    state.resolve = null
    resolve?.(ok)
  }

  return { state, ask, answer }
}
