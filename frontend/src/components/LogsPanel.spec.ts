import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as api from '../api/containers'
import { FakeWebSocket } from '../live/fakeWebSocket'
import LogsPanel from './LogsPanel.vue'

vi.mock('../api/containers')

const line = (text: string, stream = 'stdout') => ({ type: 'line', stream, text, time: '2026-01-01T00:00:00.5Z' })

describe('LogsPanel', () => {
  beforeEach(() => {
    FakeWebSocket.reset()
    vi.stubGlobal('WebSocket', FakeWebSocket)
    vi.useFakeTimers()
    vi.resetAllMocks()
  })
  afterEach(() => {
    vi.unstubAllGlobals()
    vi.useRealTimers()
  })

  const mountPanel = (props = {}) => mount(LogsPanel, { props: { host: 'local', containerId: 'c1', name: 'web', flushMs: 50, ...props } })

  it('follows the logs socket, keeps stdout and stderr apart, and searches', async () => {
    const w = mountPanel()
    const s = FakeWebSocket.last()
    expect(s.url).toMatch(/\/api\/hosts\/local\/containers\/c1\/logs\/live\?tail=200&stdout=true&stderr=true&timestamps=true$/)
    expect(s.protocols[0]).toBe('berth.logs.v1')
    s.serverOpens()
    s.serverSends(line('tick 1'))
    s.serverSends(line('warn 1', 'stderr'))
    s.serverSends(line('tick 2\n'))
    await vi.advanceTimersByTimeAsync(50)
    expect(w.findAll('[data-test=logs] .stdout').map((x) => x.text())).toEqual(['tick 1', 'tick 2'])
    expect(w.get('[data-test=logs] .stderr').text()).toBe('warn 1')
    expect(w.get('[data-test=logs-stream]').text()).toMatch(/Following/)

    await w.get('input[type=search]').setValue('WARN')
    expect(w.findAll('[data-test=logs] span').map((x) => x.text())).toEqual(['warn 1'])

    s.serverSends({ type: 'end' })
    s.serverCloses(1000)
    await vi.advanceTimersByTimeAsync(0)
    expect(w.get('[data-test=logs-stream]').text()).toMatch(/stopped/)
    w.unmount()
  })

  it('holds at most maxLines lines however many arrive', async () => {
    const w = mountPanel({ maxLines: 100 })
    const s = FakeWebSocket.last()
    s.serverOpens()
    for (let i = 0; i < 1000; i++) s.serverSends(line(`n${i}`))
    await vi.advanceTimersByTimeAsync(50)
    const spans = w.findAll('[data-test=logs] span')
    expect(spans).toHaveLength(100)
    expect(spans[0].text()).toBe('n900')
    expect(w.text()).toContain('900 older lines not kept')
    w.unmount()
  })

  it('reads a one-off snapshot over HTTP when not following, and closes the socket', async () => {
    vi.mocked(api.containerLogs).mockResolvedValue({ lines: [{ stream: 'stderr', text: 'boom' }] })
    const w = mountPanel()
    const s = FakeWebSocket.last()
    await w.get('[data-test=logs-follow]').setValue(false)
    await flushPromises()
    expect(s.closedWith).toBe(1000)
    expect(api.containerLogs).toHaveBeenCalledWith('local', 'c1', { tail: 200, stdout: true, stderr: true })
    expect(w.get('[data-test=logs] .stderr').text()).toBe('boom')
    w.unmount()
  })
})
