import { describe, expect, it } from 'vitest'
import { allows } from './useHostRole'

describe('allows', () => {
  it('follows the viewer < operator < admin ladder', () => {
    expect(allows('viewer', 'view')).toBe(true)
    expect(allows('viewer', 'operate')).toBe(false)
    expect(allows('operator', 'operate')).toBe(true)
    expect(allows('operator', 'manage')).toBe(false)
    expect(allows('admin', 'manage')).toBe(true)
    expect(allows(null, 'view')).toBe(false)
  })
})
