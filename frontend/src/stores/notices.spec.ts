import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from '../api/http'
import { useNoticesStore } from './notices'

describe('notices store', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    vi.useFakeTimers()
  })
  afterEach(() => vi.useRealTimers())

  it('keeps errors until dismissed and lets successes fade', () => {
    const s = useNoticesStore()
    const err = s.error(new ApiError(409, 'name already in use'))
    s.success('done')
    vi.advanceTimersByTime(6000)
    expect(s.items.map((n) => n.text)).toEqual(['name already in use'])
    s.dismiss(err)
    expect(s.items).toEqual([])
  })
})
