import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import * as api from '../../api/containers'
import type { HostRole } from '../../api/types'
import ConfirmDialog from '../../components/ConfirmDialog.vue'
import { FakeWebSocket } from '../../live/fakeWebSocket'
import { useEventsStore } from '../../stores/events'
import { useHostsStore } from '../../stores/hosts'
import ContainersView from './ContainersView.vue'

vi.mock('../../api/containers')

const items = [
  { id: 'a1', name: 'web', image: 'nginx', state: 'running', status: 'Up 1 minute', created: 1700000000 },
  { id: 'b2', name: 'job', image: 'busybox', state: 'exited', status: 'Exited (0)', created: 1700000000 },
]

async function render(role: HostRole) {
  setActivePinia(createPinia())
  useHostsStore().items = [{ id: 'local', name: 'local', url: 'unix:///x', role }]
  vi.mocked(api.listContainers).mockResolvedValue({ items, total: 2 })
  const w = mount({ components: { ContainersView, ConfirmDialog }, template: '<ContainersView host="local" /><ConfirmDialog />' }, {
    global: { stubs: { RouterLink: { template: '<a><slot /></a>' } } },
    attachTo: document.body,
  })
  await flushPromises()
  return w
}

const buttons = (w: Awaited<ReturnType<typeof render>>) => w.findAll('button').map((b) => b.text())

describe('ContainersView', () => {
  beforeEach(() => vi.resetAllMocks())

  it('offers a viewer no actions at all', async () => {
    const w = await render('viewer')
    expect(w.findAll('tbody tr')).toHaveLength(2)
    expect(buttons(w)).not.toContain('Start')
    expect(buttons(w)).not.toContain('Stop')
    expect(buttons(w)).not.toContain('Remove')
    expect(w.find('input[type=checkbox]').exists()).toBe(false)
    expect(w.text()).not.toContain('Create container')
    w.unmount()
  })

  it('lets an operator start and stop but not remove', async () => {
    const w = await render('operator')
    expect(buttons(w)).toEqual(expect.arrayContaining(['Stop', 'Start', 'Restart']))
    expect(buttons(w)).not.toContain('Remove')
    await w.findAll('button').find((b) => b.text() === 'Start')!.trigger('click')
    await flushPromises()
    expect(api.containerAction).toHaveBeenCalledWith('local', 'b2', 'start')
    w.unmount()
  })

  it('asks before removing, and does nothing on cancel', async () => {
    const w = await render('admin')
    const remove = () => w.findAll('button').find((b) => b.text() === 'Remove')!.trigger('click')
    await remove()
    expect(w.find('[role=alertdialog]').text()).toContain('Remove web?')
    await w.findAll('[role=alertdialog] button').find((b) => b.text() === 'Cancel')!.trigger('click')
    await flushPromises()
    expect(api.removeContainer).not.toHaveBeenCalled()

    await remove()
    await w.get('[data-test=confirm]').trigger('click')
    await flushPromises()
    expect(api.removeContainer).toHaveBeenCalledWith('local', 'a1', true)
    w.unmount()
  })

  it('runs bulk actions on the selection', async () => {
    const w = await render('operator')
    await w.get('thead input[type=checkbox]').setValue(true)
    expect(w.get('[data-test=bulk]').text()).toContain('2 selected')
    await w.get('[data-test=bulk]').findAll('button').find((b) => b.text() === 'Restart')!.trigger('click')
    await flushPromises()
    expect(vi.mocked(api.containerAction).mock.calls).toEqual([['local', 'a1', 'restart'], ['local', 'b2', 'restart']])
    w.unmount()
  })

  it('filters by state on the server', async () => {
    const w = await render('viewer')
    await w.get('select[aria-label="Filter by state"]').setValue('exited')
    await flushPromises()
    expect(vi.mocked(api.listContainers).mock.lastCall?.[1]).toMatchObject({ status: 'exited', offset: 0 })
    w.unmount()
  })
})

describe('ContainersView, live', () => {
  it('changes a row when the events stream reports it, without asking the list again at once', async () => {
    vi.resetAllMocks()
    FakeWebSocket.reset()
    vi.stubGlobal('WebSocket', FakeWebSocket)
    try {
      const w = await render('viewer')
      const events = useEventsStore()
      events.start()
      FakeWebSocket.last().serverOpens()
      vi.mocked(api.listContainers).mockClear()
      FakeWebSocket.last().serverSends({ type: 'event', host: 'local', cursor: '1', event: { Type: 'container', Action: 'start', Actor: { ID: 'b2' } } })
      await nextTick()
      expect(w.get('tr:nth-child(2) .badge').text()).toBe('running')
      expect(api.listContainers).not.toHaveBeenCalled()
      events.stop()
      w.unmount()
    } finally {
      vi.unstubAllGlobals()
    }
  })
})
