import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as api from '../api/containers'
import type { ContainerSummary } from '../api/types'
import { useContainersStore } from './containers'

vi.mock('../api/containers')

const c = (id: string, state = 'running'): ContainerSummary => ({ id, name: 'n' + id, image: 'busybox', state, status: '', created: 0 })

describe('containers store', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    vi.resetAllMocks()
  })

  it('asks the server for one filtered, sorted page', async () => {
    vi.mocked(api.listContainers).mockResolvedValue({ items: [c('1')], total: 2000 })
    const s = useContainersStore()
    s.useHost('local')
    await s.setFilter({ search: ' web ', state: 'exited' })
    await s.sortBy('created')
    await s.goToPage(3)
    expect(vi.mocked(api.listContainers).mock.lastCall).toEqual([
      'local',
      { all: true, name: 'web', status: 'exited', sort: '-created', limit: 50, offset: 100 },
    ])
    expect(s.pageCount).toBe(40)
  })

  it('toggles sort direction on the same column', async () => {
    vi.mocked(api.listContainers).mockResolvedValue({ items: [], total: 0 })
    const s = useContainersStore()
    await s.sortBy('name')
    expect(s.query.sortDesc).toBe(true)
    await s.sortBy('image')
    expect(s.query).toMatchObject({ sortKey: 'image', sortDesc: false })
  })

  it('shows only the newest answer when requests overlap', async () => {
    let first: (v: { items: ContainerSummary[]; total: number }) => void = () => {}
    vi.mocked(api.listContainers)
      .mockImplementationOnce(() => new Promise((r) => (first = r)))
      .mockResolvedValueOnce({ items: [c('new')], total: 1 })
    const s = useContainersStore()
    const slow = s.setFilter({ search: 'a' })
    await s.setFilter({ search: 'ab' })
    first({ items: [c('old')], total: 1 })
    await slow
    expect(s.items.map((x) => x.id)).toEqual(['new'])
  })

  it('steps back when the current page disappears', async () => {
    vi.mocked(api.listContainers)
      .mockResolvedValueOnce({ items: [], total: 60 })
      .mockResolvedValueOnce({ items: [c('x')], total: 60 })
    const s = useContainersStore()
    s.query.page = 5
    await s.load()
    expect(s.query.page).toBe(2)
    expect(s.items).toHaveLength(1)
  })

  it('runs bulk actions, keeps going past failures and clears the selection', async () => {
    vi.mocked(api.listContainers).mockResolvedValue({ items: [c('1'), c('2')], total: 2 })
    vi.mocked(api.containerAction).mockImplementation(async (_h, id) => {
      if (id === '2') throw new Error('no such container')
    })
    const s = useContainersStore()
    s.useHost('local')
    await s.load()
    s.toggleAllOnPage()
    expect(s.allOnPageSelected).toBe(true)
    const result = await s.act([...s.selected], 'stop')
    expect(result).toEqual({ ok: ['1'], failed: [{ id: '2', message: 'no such container' }] })
    expect(s.selected.size).toBe(0)
  })

  it('removes with force', async () => {
    vi.mocked(api.listContainers).mockResolvedValue({ items: [], total: 0 })
    const s = useContainersStore()
    s.useHost('h1')
    await s.act(['9'], 'remove')
    expect(api.removeContainer).toHaveBeenCalledWith('h1', '9', true)
  })

  it('keeps the error readable', async () => {
    vi.mocked(api.listContainers).mockRejectedValue(new Error('host h1 is unavailable'))
    const s = useContainersStore()
    await s.load()
    expect(s.error).toBe('host h1 is unavailable')
    expect(s.loading).toBe(false)
  })
})

describe('containers store, live', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    vi.resetAllMocks()
    vi.useFakeTimers()
  })
  afterEach(() => vi.useRealTimers())

  const ev = (Action: string, ID: string, host = 'local') => ({ host, event: { Type: 'container', Action, Actor: { ID } } })

  it('shows an event on its row at once, then reloads the page once per burst', async () => {
    vi.mocked(api.listContainers).mockResolvedValue({ items: [c('aaa111', 'running'), c('bbb222', 'running')], total: 2 })
    const s = useContainersStore()
    s.useHost('local')
    await s.load()
    vi.mocked(api.listContainers).mockClear()
    s.applyEvent(ev('die', 'aaa111' + '0'.repeat(58))) // events carry the full id
    expect(s.items.map((x) => x.state)).toEqual(['exited', 'running'])
    s.applyEvent(ev('pause', 'bbb222'))
    s.applyEvent(ev('exec_start: sh', 'bbb222')) // not a state change
    s.applyEvent(ev('die', 'aaa111', 'other-host'))
    expect(s.items.map((x) => x.state)).toEqual(['exited', 'paused'])
    expect(api.listContainers).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(300)
    expect(api.listContainers).toHaveBeenCalledOnce()
  })

  it('refresh waits for the load in flight and shows its answer, then loads again', async () => {
    type Answer = (v: { items: ContainerSummary[]; total: number }) => void
    let first: Answer = () => {}
    let second: Answer = () => {}
    vi.mocked(api.listContainers)
      .mockImplementationOnce(() => new Promise((r) => (first = r)))
      .mockImplementationOnce(() => new Promise((r) => (second = r)))
    const s = useContainersStore()
    s.useHost('local')
    const loading = s.load()
    const refreshed = s.refresh()
    expect(api.listContainers).toHaveBeenCalledOnce()
    first({ items: [c('a')], total: 1 })
    await loading
    expect(s.items.map((x) => x.id)).toEqual(['a']) // not dropped for the newer request
    await vi.waitFor(() => expect(api.listContainers).toHaveBeenCalledTimes(2))
    second({ items: [c('b', 'exited')], total: 1 })
    await refreshed
    expect(s.items.map((x) => x.id)).toEqual(['b'])
  })

  it('drops a destroyed container and ignores other event types', async () => {
    vi.mocked(api.listContainers).mockResolvedValue({ items: [c('aaa'), c('bbb')], total: 2 })
    const s = useContainersStore()
    s.useHost('local')
    await s.load()
    s.applyEvent({ host: 'local', event: { Type: 'image', Action: 'delete', Actor: { ID: 'aaa' } } })
    expect(s.items).toHaveLength(2)
    s.applyEvent(ev('destroy', 'aaa'))
    expect(s.items.map((x) => x.id)).toEqual(['bbb'])
  })
})

describe('containers store, a list that lags behind events', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    vi.resetAllMocks()
    vi.useFakeTimers()
  })
  afterEach(() => vi.useRealTimers())

  it('keeps the state of a recent event over an older list answer, and reads the list again', async () => {
    vi.mocked(api.listContainers).mockImplementation(async () => ({ items: [c('aaa', 'running')], total: 1 }))
    const s = useContainersStore()
    s.useHost('local')
    await s.load()
    s.applyEvent({ host: 'local', event: { Type: 'container', Action: 'die', Actor: { ID: 'aaa' } } })
    await vi.advanceTimersByTimeAsync(300) // the engine's list still says running
    expect(s.items[0].state).toBe('exited')
    vi.mocked(api.listContainers).mockImplementation(async () => ({ items: [c('aaa', 'exited')], total: 1 }))
    await vi.advanceTimersByTimeAsync(300)
    expect(vi.mocked(api.listContainers).mock.calls.length).toBe(3)
    expect(s.items[0].state).toBe('exited')
    // once the event is old, the list is believed again
    vi.mocked(api.listContainers).mockImplementation(async () => ({ items: [c('aaa', 'running')], total: 1 }))
    await vi.advanceTimersByTimeAsync(3000)
    await s.load()
    expect(s.items[0].state).toBe('running')
  })
})
