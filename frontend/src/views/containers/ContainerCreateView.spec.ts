import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import * as containers from '../../api/containers'
import { ApiError } from '../../api/http'
import * as networks from '../../api/networks'
import ContainerCreateView from './ContainerCreateView.vue'

vi.mock('../../api/containers')
vi.mock('../../api/networks')

async function render() {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/new', component: ContainerCreateView },
      { path: '/hosts/:host/containers', name: 'containers', component: { template: '<p />' } },
      { path: '/hosts/:host/containers/:id', name: 'container', component: { template: '<p>detail</p>' } },
    ],
  })
  await router.push('/new')
  const w = mount(ContainerCreateView, { props: { host: 'local' }, global: { plugins: [router] } })
  await flushPromises()
  return { w, router }
}

describe('ContainerCreateView', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    vi.resetAllMocks()
    vi.mocked(networks.listNetworks).mockResolvedValue([{ id: 'n1', name: 'backend', driver: 'bridge' }])
  })

  it('shows the security policy refusal by name', async () => {
    vi.mocked(containers.createContainer).mockRejectedValue(
      new ApiError(403, 'policy forbids bind mounts of host paths (rule bindMounts): /etc', 'policy_violation'),
    )
    const { w } = await render()
    await w.get('input[name=image]').setValue('busybox')
    await w.get('textarea[name=volumes]').setValue('/etc:/host-etc')
    await w.get('form').trigger('submit')
    await flushPromises()
    expect(containers.createContainer).toHaveBeenCalledWith('local', { image: 'busybox', volumes: [{ source: '/etc', target: '/host-etc', readOnly: false }] })
    expect(w.get('[data-test=policy-refusal]').text()).toBe(
      "Refused by the host's security policy: policy forbids bind mounts of host paths (rule bindMounts): /etc",
    )
  })

  it('checks the form before asking the server', async () => {
    const { w } = await render()
    await w.get('textarea[name=env]').setValue('NOT_AN_ASSIGNMENT')
    await w.get('form').trigger('submit')
    await flushPromises()
    expect(containers.createContainer).not.toHaveBeenCalled()
    expect(w.get('[role=alert]').text()).toContain('Image is required.')
    expect(w.get('[role=alert]').text()).toContain('is not NAME=value')
  })

  it('opens the new container', async () => {
    vi.mocked(containers.createContainer).mockResolvedValue({ id: 'abc' })
    const { w, router } = await render()
    await w.get('input[name=image]').setValue('busybox')
    await w.get('select[name=network]').setValue('backend')
    await w.get('form').trigger('submit')
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/hosts/local/containers/abc')
  })
})
