import { describe, expect, it } from 'vitest'
import { splitCommand, toSpec, type CreateForm } from './spec'

const form = (patch: Partial<CreateForm>): CreateForm => ({ image: 'busybox', name: '', command: '', env: '', ports: '', volumes: '', network: '', restartPolicy: 'no', ...patch })

describe('create form to spec', () => {
  it('builds the compact spec', () => {
    const r = toSpec(form({
      name: 'web', command: 'sh -c "echo hi; sleep 1"', env: 'A=1\n\nB=x=y', ports: '127.0.0.1:8080:80\n53/udp',
      volumes: 'data:/data:ro', network: 'backend', restartPolicy: 'unless-stopped',
    }))
    expect(r).toEqual({ spec: {
      image: 'busybox', name: 'web', cmd: ['sh', '-c', 'echo hi; sleep 1'], env: ['A=1', 'B=x=y'],
      ports: [{ container: 80, host: 8080, hostIp: '127.0.0.1', protocol: 'tcp' }, { container: 53, host: undefined, hostIp: undefined, protocol: 'udp' }],
      volumes: [{ source: 'data', target: '/data', readOnly: true }], network: 'backend', restartPolicy: 'unless-stopped',
    } })
  })

  it('names every bad line', () => {
    const r = toSpec(form({ image: ' ', name: '-x', env: 'NOEQUALS', ports: '99999:80\nabc', volumes: 'relative' }))
    expect('errors' in r && r.errors).toEqual([
      'Image is required.',
      expect.stringContaining('Name may hold'),
      'Environment "NOEQUALS" is not NAME=value.',
      'Port "99999:80" is out of range.',
      expect.stringContaining('Port "abc"'),
      expect.stringContaining('Volume "relative"'),
    ])
  })

  it('splits commands with quotes', () => {
    expect(splitCommand(`echo 'a b' "c d" e`)).toEqual(['echo', 'a b', 'c d', 'e'])
  })
})
