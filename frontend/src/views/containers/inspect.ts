// Reads a container inspect answer into the rows the detail screen shows. Accepts Docker's
// PascalCase keys and camelCase ones, so it works whichever way the gateway passes it on.

type Json = Record<string, unknown>

function field(obj: unknown, name: string): unknown {
  if (!obj || typeof obj !== 'object') return undefined
  const o = obj as Json
  if (name in o) return o[name]
  const pascal = name[0].toUpperCase() + name.slice(1)
  return o[pascal]
}

const str = (v: unknown) => (v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v))
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : [])
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {})

export interface ContainerView {
  id: string
  name: string
  image: string
  state: string
  general: [string, string][]
  env: [string, string][]
  mounts: [string, string][]
  ports: [string, string][]
  networks: [string, string][]
  labels: [string, string][]
}

export function describeContainer(raw: unknown): ContainerView {
  const config = obj(field(raw, 'config'))
  const state = obj(field(raw, 'state'))
  const hostConfig = obj(field(raw, 'hostConfig'))
  const settings = obj(field(raw, 'networkSettings'))
  const name = str(field(raw, 'name')).replace(/^\//, '')
  const status = str(field(state, 'status')) || str(field(raw, 'state'))
  const cmd = list(field(config, 'cmd')).map(str).join(' ')
  const entrypoint = list(field(config, 'entrypoint')).map(str).join(' ')
  const restart = obj(field(hostConfig, 'restartPolicy'))

  const image = str(field(config, 'image')) || str(field(raw, 'image'))
  const general: [string, string][] = [
    ['ID', str(field(raw, 'id'))],
    ['Image', image],
    ['Command', [entrypoint, cmd].filter(Boolean).join(' ')],
    ['Working dir', str(field(config, 'workingDir'))],
    ['User', str(field(config, 'user'))],
    ['Created', str(field(raw, 'created'))],
    ['Started', str(field(state, 'startedAt'))],
    ['Exit code', str(field(state, 'exitCode'))],
    ['Restart policy', str(field(restart, 'name'))],
  ].filter(([, v]) => v !== '') as [string, string][]

  const env = list(field(config, 'env')).map((e) => {
    const s = str(e)
    const eq = s.indexOf('=')
    return (eq < 0 ? [s, ''] : [s.slice(0, eq), s.slice(eq + 1)]) as [string, string]
  })

  const mounts = list(field(raw, 'mounts')).map((m) => {
    const rw = field(m, 'rW') ?? field(m, 'RW') ?? field(m, 'rw')
    return [str(field(m, 'destination')), `${str(field(m, 'type'))} ${str(field(m, 'name')) || str(field(m, 'source'))}${rw === false ? ' (read-only)' : ''}`] as [string, string]
  })

  const ports: [string, string][] = []
  for (const [port, bindings] of Object.entries(obj(field(settings, 'ports')))) {
    const targets = list(bindings).map((b) => `${str(field(b, 'hostIp'))}:${str(field(b, 'hostPort'))}`)
    ports.push([port, targets.length ? targets.join(', ') : 'not published'])
  }

  const networks = Object.entries(obj(field(settings, 'networks'))).map(
    ([net, v]) => [net, [str(field(v, 'iPAddress') || field(v, 'IPAddress') || field(v, 'ipAddress')), str(field(v, 'gateway'))].filter(Boolean).join(' via ')] as [string, string],
  )

  const labels = Object.entries(obj(field(config, 'labels'))).map(([k, v]) => [k, str(v)] as [string, string])

  return { id: str(field(raw, 'id')), name, image, state: status, general, env, mounts, ports, networks, labels }
}
