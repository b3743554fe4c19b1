// JSON shapes of the gateway API (camelCase), as the backend writes them.

export type GlobalRole = 'admin' | 'user'
export type HostRole = 'viewer' | 'operator' | 'admin'

export interface Status {
  version: string
  setupRequired: boolean
}

export interface User {
  id: number
  username: string
  globalRole: GlobalRole
  disabled?: boolean
  teamIds?: number[]
  createdAt?: string
}

export interface LoginResult {
  token: string
  expiresAt: string
  user: User
}

export interface ApiKey {
  id: number
  name: string
  /** The key's first characters, so a user can tell keys apart. */
  prefix?: string
  createdAt: string
}

export interface NewApiKey extends ApiKey {
  /** Shown once: only its hash is stored. */
  key: string
}

export interface Team {
  id: number
  name: string
  description?: string | null
  memberIds?: number[]
}

export interface HostStatus {
  up: boolean
  lastError?: string | null
  checkedAt?: string | null
  engineVersion?: string | null
  apiVersion?: string | null
}

export interface Host {
  id: string
  name: string
  url: string
  labels?: Record<string, string>
  status?: HostStatus
  tlsConfigured?: boolean
  role: HostRole
}

export interface HostInput {
  id?: string
  name: string
  url: string
  tls?: { ca?: string; cert?: string; key?: string } | null
  labels?: Record<string, string>
}

export interface Grant {
  subject: string
  role: HostRole
}

export interface PortMapping {
  ip?: string
  privatePort: number
  publicPort?: number
  type: string
}

export interface ContainerSummary {
  id: string
  name: string
  image: string
  state: string
  status: string
  created: number
  ports?: PortMapping[]
  labels?: Record<string, string>
}

export interface Page<T> {
  items: T[]
  total: number
}

export interface ContainerSpec {
  name?: string
  image: string
  cmd?: string[]
  env?: string[]
  ports?: { container: number; host?: number; hostIp?: string; protocol?: string }[]
  volumes?: { source: string; target: string; readOnly?: boolean }[]
  network?: string
  restartPolicy?: string
  labels?: Record<string, string>
}

export interface ImageSummary {
  id: string
  repoTags: string[]
  size: number
  created: number
  containers?: number
}

/** One line of Docker's pull progress stream. */
export interface PullProgress {
  id?: string
  status?: string
  progress?: string
  progressDetail?: { current?: number; total?: number }
  error?: string
  errorDetail?: { message?: string }
  message?: string
}

export interface NetworkSummary {
  id: string
  name: string
  driver: string
  scope?: string
  internal?: boolean
  created?: string
  subnet?: string
}

export interface VolumeSummary {
  name: string
  driver: string
  mountpoint?: string
  createdAt?: string
  labels?: Record<string, string>
}

export interface AuditEntry {
  id?: number
  time: string
  userId?: number | null
  username?: string | null
  clientAddress?: string | null
  hostId?: string | null
  action: string
  target?: string | null
  outcome: string
  detail?: string | null
}
