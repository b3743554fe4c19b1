import { mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import { FakeWebSocket } from '../../live/fakeWebSocket'
import StatsPanel from './StatsPanel.vue'
import { addSample, emptySeries, parseStats } from './statsSeries'

const sample = (read: string, rx: number, cpu = 12.5) => ({
  type: 'stats', read, cpuPercent: cpu, memoryUsage: 3 << 20, memoryLimit: 1 << 30, memoryPercent: 0.3,
  networkRx: rx, networkTx: 0, blockRead: 0, blockWrite: 0, pids: 2,
})

describe('stats series', () => {
  it('turns cumulative network counters into rates and caps the points', () => {
    let s = emptySeries()
    s = addSample(s, parseStats(sample('2026-01-01T00:00:00Z', 1000))!, 3)
    s = addSample(s, parseStats(sample('2026-01-01T00:00:02Z', 5000))!, 3)
    s = addSample(s, parseStats(sample('2026-01-01T00:00:03Z', 100))!, 3) // counter reset
    s = addSample(s, parseStats(sample('2026-01-01T00:00:04Z', 1100))!, 3)
    expect(s.rx).toEqual([2000, 0, 1000])
    expect(s.cpu).toHaveLength(3)
    expect(parseStats({ type: 'summary' })).toBeNull()
  })
})

describe('StatsPanel', () => {
  beforeEach(() => {
    FakeWebSocket.reset()
    vi.stubGlobal('WebSocket', FakeWebSocket)
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.unstubAllGlobals()
    vi.useRealTimers()
  })

  it('draws CPU, memory and network charts from the stats socket', async () => {
    const w = mount(StatsPanel, { props: { host: 'local', containerId: 'c1', running: true } })
    const s = FakeWebSocket.last()
    expect(s.url).toMatch(/\/api\/hosts\/local\/containers\/c1\/stats\/live$/)
    expect(s.protocols[0]).toBe('berth.stats.v1')
    s.serverOpens()
    s.serverSends(sample('2026-01-01T00:00:00Z', 0))
    s.serverSends(sample('2026-01-01T00:00:01Z', 2048, 50))
    await nextTick()
    const values = w.findAll('[data-test=stat-value]').map((v) => v.text())
    expect(values).toEqual(['50.0 %', '3.0 MiB of 1.00 GiB', '2.0 KiB/s', '0 B/s'])
    expect(w.findAll('polyline')).toHaveLength(4)
    expect(w.get('svg').attributes('aria-label')).toBe('CPU: 50.0 %')
    w.unmount()
  })

  it('closes the stream when the container stops and reopens it when it runs', async () => {
    const w = mount(StatsPanel, { props: { host: 'local', containerId: 'c1', running: true } })
    const first = FakeWebSocket.last()
    await w.setProps({ running: false })
    expect(first.closedWith).toBe(1000)
    expect(w.text()).toContain('not running')
    await w.setProps({ running: true })
    expect(FakeWebSocket.all).toHaveLength(2)
    w.unmount()
    expect(FakeWebSocket.last().closedWith).toBe(1000)
  })
})
