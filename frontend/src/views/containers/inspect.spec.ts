import { describe, expect, it } from 'vitest'
import { describeContainer } from './inspect'

const docker = {
  Id: 'abc123',
  Name: '/web',
  Created: '2026-01-01T00:00:00Z',
  State: { Status: 'running', StartedAt: '2026-01-01T00:00:01Z', ExitCode: 0 },
  Config: { Image: 'busybox', Cmd: ['sleep', '1d'], Env: ['PATH=/bin', 'A=b=c'], Labels: { team: 'blue' } },
  HostConfig: { RestartPolicy: { Name: 'always' } },
  Mounts: [{ Type: 'volume', Name: 'data', Destination: '/data', RW: false }],
  NetworkSettings: { Ports: { '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '8080' }], '53/udp': null }, Networks: { bridge: { IPAddress: '172.17.0.2', Gateway: '172.17.0.1' } } },
}

describe('describeContainer', () => {
  it("reads Docker's inspect shape", () => {
    const v = describeContainer(docker)
    expect(v).toMatchObject({ id: 'abc123', name: 'web', image: 'busybox', state: 'running' })
    expect(v.general).toContainEqual(['Command', 'sleep 1d'])
    expect(v.general).toContainEqual(['Restart policy', 'always'])
    expect(v.env).toEqual([['PATH', '/bin'], ['A', 'b=c']])
    expect(v.mounts).toEqual([['/data', 'volume data (read-only)']])
    expect(v.ports).toEqual([['80/tcp', '127.0.0.1:8080'], ['53/udp', 'not published']])
    expect(v.networks).toEqual([['bridge', '172.17.0.2 via 172.17.0.1']])
    expect(v.labels).toEqual([['team', 'blue']])
  })

  it('reads camelCase keys too', () => {
    const v = describeContainer({ id: 'x', name: 'y', state: { status: 'exited' }, config: { image: 'img', env: ['K=V'] } })
    expect(v).toMatchObject({ id: 'x', name: 'y', image: 'img', state: 'exited', env: [['K', 'V']] })
  })
})
