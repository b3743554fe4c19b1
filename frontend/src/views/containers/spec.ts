import type { ContainerSpec } from '../../api/types'

export interface CreateForm {
  image: string
  name: string
  command: string
  env: string
  ports: string
  volumes: string
  network: string
  restartPolicy: string
}

export type SpecResult = { spec: ContainerSpec } | { errors: string[] }

const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean)

/** Splits a command line on spaces, keeping "quoted parts" together. */
export function splitCommand(cmd: string): string[] {
  const out: string[] = []
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g
  let m: RegExpExecArray | null
  while ((m = re.exec(cmd))) out.push(m[1] ?? m[2] ?? m[3])
  return out
}

/** Turns the form into the gateway's compact spec, or says what is wrong, line by line. */
export function toSpec(form: CreateForm): SpecResult {
  const errors: string[] = []
  const spec: ContainerSpec = { image: form.image.trim() }
  if (!spec.image) errors.push('Image is required.')
  if (form.name.trim()) {
    if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(form.name.trim())) errors.push('Name may hold letters, digits, "_", "." and "-", and starts with a letter or digit.')
    spec.name = form.name.trim()
  }
  const cmd = splitCommand(form.command)
  if (cmd.length) spec.cmd = cmd

  const env = lines(form.env)
  for (const e of env) if (!/^[^=\s]+=/.test(e)) errors.push(`Environment "${e}" is not NAME=value.`)
  if (env.length) spec.env = env

  const ports = lines(form.ports).map((p) => {
    const m = /^(?:(\d{1,3}(?:\.\d{1,3}){3}):)?(?:(\d{1,5}):)?(\d{1,5})(?:\/(tcp|udp))?$/.exec(p)
    if (!m) {
      errors.push(`Port "${p}" is not [ip:][hostPort:]containerPort[/tcp|udp].`)
      return null
    }
    const container = Number(m[3])
    const host = m[2] ? Number(m[2]) : undefined
    if (container < 1 || container > 65535 || (host !== undefined && (host < 1 || host > 65535))) errors.push(`Port "${p}" is out of range.`)
    return { container, host, hostIp: m[1], protocol: m[4] ?? 'tcp' }
  })
  if (ports.length) spec.ports = ports.filter((p) => p !== null)

  const volumes = lines(form.volumes).map((v) => {
    const parts = v.split(':')
    if (parts.length < 2 || parts.length > 3 || !parts[0] || !parts[1].startsWith('/') || (parts[2] && !['ro', 'rw'].includes(parts[2]))) {
      errors.push(`Volume "${v}" is not source:/container/path[:ro] (source: a volume name or a host path).`)
      return null
    }
    return { source: parts[0], target: parts[1], readOnly: parts[2] === 'ro' }
  })
  if (volumes.length) spec.volumes = volumes.filter((v) => v !== null)

  if (form.network) spec.network = form.network
  if (form.restartPolicy && form.restartPolicy !== 'no') spec.restartPolicy = form.restartPolicy
  return errors.length ? { errors } : { spec }
}
