import { describe, expect, it } from 'vitest'
import type { PullProgress } from '../../api/types'
import { applyProgress, emptyPull, percent } from './pullProgress'

// Lines as dockerd streams them for a two-layer pull.
const stream: PullProgress[] = [
  { status: 'Pulling from library/app', id: '1.0' },
  { status: 'Pulling fs layer', id: 'aaa' },
  { status: 'Already exists', id: 'bbb' },
  { status: 'Downloading', progressDetail: { current: 500, total: 1000 }, progress: '[=>  ]', id: 'aaa' },
  { status: 'Download complete', id: 'aaa' },
  { status: 'Extracting', progressDetail: { current: 250, total: 1000 }, id: 'aaa' },
]

describe('pull progress', () => {
  it('tracks each layer', () => {
    let s = emptyPull()
    for (const p of stream.slice(0, 4)) s = applyProgress(s, p)
    expect(s.messages).toEqual(['1.0: Pulling from library/app'])
    expect(s.layers.map((l) => [l.id, percent(l)])).toEqual([['aaa', 50], ['bbb', 100]])
    for (const p of stream.slice(4)) s = applyProgress(s, p)
    expect(percent(s.layers[0])).toBe(25)
    s = applyProgress(s, { status: 'Pull complete', id: 'aaa' })
    s = applyProgress(s, { status: 'Digest: sha256:abc' })
    expect(percent(s.layers[0])).toBe(100)
    expect(s.messages).toContain('Digest: sha256:abc')
  })

  it('keeps the stream error', () => {
    const s = applyProgress(emptyPull(), { error: 'manifest unknown', errorDetail: { message: 'manifest for x:y not found' } })
    expect(s.error).toBe('manifest for x:y not found')
  })
})
