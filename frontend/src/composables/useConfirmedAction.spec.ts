import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { useNoticesStore } from '../stores/notices'
import { useConfirm } from './useConfirm'
import { useConfirmedAction } from './useConfirmedAction'

describe('useConfirmedAction', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('asks first, and a declined question runs nothing', async () => {
    const run = vi.fn()
    const { perform } = useConfirmedAction()
    const done = perform({ confirm: { title: 'Remove x?', message: 'gone' }, run })
    const { state, answer } = useConfirm()
    expect(state.open).toBe(true)
    expect(state.title).toBe('Remove x?')
    answer(false)
    expect(await done).toBe(false)
    expect(run).not.toHaveBeenCalled()
  })

  it('runs while busy, then notifies success and follows up', async () => {
    const { busy, perform } = useConfirmedAction()
    const order: string[] = []
    let finish: () => void = () => {}
    const done = perform({
      run: () => new Promise<number>((r) => (finish = () => r(3))),
      success: (n) => `removed ${n}`,
      then: () => order.push('then'),
    })
    await Promise.resolve()
    expect(busy.value).toBe(true)
    finish()
    expect(await done).toBe(true)
    expect(busy.value).toBe(false)
    expect(useNoticesStore().items.map((n) => n.text)).toEqual(['removed 3'])
    expect(order).toEqual(['then'])
  })

  it('turns a failure into an error notice and skips the follow-up', async () => {
    const then = vi.fn()
    const { busy, perform } = useConfirmedAction()
    expect(await perform({ run: () => Promise.reject(new Error('in use')), success: 'no', then })).toBe(false)
    expect(useNoticesStore().items).toMatchObject([{ kind: 'error', text: 'in use' }])
    expect(then).not.toHaveBeenCalled()
    expect(busy.value).toBe(false)
  })
})
