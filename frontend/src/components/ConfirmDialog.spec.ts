import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { nextTick } from 'vue'
import { useConfirm } from '../composables/useConfirm'
import ConfirmDialog from './ConfirmDialog.vue'

describe('ConfirmDialog', () => {
  it('answers the question, focuses the action, keeps Tab inside and closes on Escape', async () => {
    const w = mount(ConfirmDialog, { attachTo: document.body })
    const { ask } = useConfirm()
    const first = ask({ title: 'Remove web?', message: 'Gone for good.', confirmLabel: 'Remove', danger: true })
    await nextTick()
    await nextTick()
    const confirm = w.get('[data-test=confirm]')
    expect(w.get('[role=alertdialog]').attributes('aria-labelledby')).toBe('confirm-title')
    expect(document.activeElement).toBe(confirm.element)
    await w.get('.overlay').trigger('keydown', { key: 'Tab' })
    expect((document.activeElement as HTMLElement).textContent?.trim()).toBe('Cancel')
    await w.get('.overlay').trigger('keydown', { key: 'Tab' })
    expect(document.activeElement).toBe(confirm.element)
    await confirm.trigger('click')
    expect(await first).toBe(true)

    const second = ask({ title: 'Stop?', message: '' })
    await nextTick()
    await w.get('.overlay').trigger('keydown', { key: 'Escape' })
    expect(await second).toBe(false)
    await nextTick()
    expect(w.find('[role=alertdialog]').exists()).toBe(false)
    w.unmount()
  })
})
