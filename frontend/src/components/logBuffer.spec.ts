import { describe, expect, it } from 'vitest'
import { LineBuffer } from './logBuffer'

describe('LineBuffer', () => {
  it('keeps the newest max lines with stable keys, and counts what it dropped', () => {
    const b = new LineBuffer(10)
    for (let i = 0; i < 25; i++) b.push({ stream: i % 2 ? 'stderr' : 'stdout', text: `l${i}` })
    const lines = b.snapshot()
    expect(lines).toHaveLength(10)
    expect(lines[0]).toMatchObject({ text: 'l15', seq: 15, stream: 'stderr' })
    expect(lines[9]).toMatchObject({ text: 'l24', seq: 24 })
    expect(b.dropped).toBe(15)
    expect(b.size).toBe(10)
    b.clear()
    expect(b.snapshot()).toEqual([])
    expect(b.dropped).toBe(0)
  })
})
