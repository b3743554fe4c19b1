import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { describe, expect, it, vi } from 'vitest'
import { defineComponent, nextTick } from 'vue'
import { useConnectionStore } from '../stores/connection'
import { useOnReconnect } from './useOnReconnect'

vi.mock('../api/auth')

describe('useOnReconnect', () => {
  it('fires once the gateway is back, not before', async () => {
    setActivePinia(createPinia())
    const fn = vi.fn()
    mount(defineComponent({ setup: () => useOnReconnect(fn), template: '<p />' }))
    const connection = useConnectionStore()
    connection.setReachable(false)
    await nextTick()
    expect(fn).not.toHaveBeenCalled()
    connection.setReachable(true)
    await nextTick()
    expect(fn).toHaveBeenCalledOnce()
  })
})
