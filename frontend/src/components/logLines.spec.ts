import { describe, expect, it } from 'vitest'
import { parseLogs } from './logLines'

describe('parseLogs', () => {
  it('reads plain text', () => {
    expect(parseLogs('a\nb\n')).toEqual([{ stream: 'stdout', text: 'a' }, { stream: 'stdout', text: 'b' }])
  })
  it('reads tagged entries', () => {
    expect(parseLogs({ lines: [{ stream: 'stderr', text: 'oops\n' }, { stream: 'stdout', line: 'ok' }] })).toEqual([
      { stream: 'stderr', text: 'oops' },
      { stream: 'stdout', text: 'ok' },
    ])
  })
})
