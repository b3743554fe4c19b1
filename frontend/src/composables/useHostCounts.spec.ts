import { beforeEach, describe, expect, it, vi } from 'vitest'
import * as containers from '../api/containers'
import * as images from '../api/images'
import * as networks from '../api/networks'
import type { Host } from '../api/types'
import * as volumes from '../api/volumes'
import { useHostCounts } from './useHostCounts'

vi.mock('../api/containers')
vi.mock('../api/images')
vi.mock('../api/networks')
vi.mock('../api/volumes')

const host = (id: string, up: boolean): Host => ({ id, name: id, url: 'unix:///x', role: 'viewer', status: { up } })

describe('useHostCounts', () => {
  beforeEach(() => vi.resetAllMocks())

  it('counts running and stopped containers from two totals, and skips hosts that are down', async () => {
    vi.mocked(containers.listContainers).mockImplementation(async (_h, q) => ({ items: [], total: q.status === 'running' ? 3 : 10 }))
    vi.mocked(images.listImages).mockResolvedValue([{ id: 'i', repoTags: [], size: 0, created: 0 }])
    vi.mocked(volumes.listVolumes).mockResolvedValue([])
    vi.mocked(networks.listNetworks).mockResolvedValue([{ id: 'n', name: 'bridge', driver: 'bridge' }, { id: 'm', name: 'host', driver: 'host' }])
    const { byHost, refresh } = useHostCounts()
    await refresh([host('a', true), host('b', false)])
    expect(byHost.a).toEqual({ counts: { running: 3, stopped: 7, images: 1, volumes: 0, networks: 2 } })
    expect(byHost.b).toBeUndefined()
    expect(vi.mocked(containers.listContainers).mock.calls.every(([h]) => h === 'a')).toBe(true)
  })

  it('keeps a per-host error readable', async () => {
    vi.mocked(containers.listContainers).mockRejectedValue(new Error('host a is unavailable'))
    const { byHost, refresh } = useHostCounts()
    await refresh([host('a', true)])
    expect(byHost.a).toEqual({ error: 'host a is unavailable' })
  })
})

describe('useHostCounts on an engine without some resources', () => {
  it('still counts containers when volumes or networks cannot be listed', async () => {
    vi.mocked(containers.listContainers).mockImplementation(async (_h, q) => ({ items: [], total: q.status === 'running' ? 1 : 1 }))
    vi.mocked(images.listImages).mockResolvedValue([])
    vi.mocked(volumes.listVolumes).mockRejectedValue(new Error('404 not found'))
    vi.mocked(networks.listNetworks).mockRejectedValue(new Error('404 not found'))
    const { byHost, refresh } = useHostCounts()
    await refresh([host('a', true)])
    expect(byHost.a).toEqual({ counts: { running: 1, stopped: 0, images: 0, volumes: null, networks: null } })
  })
})
