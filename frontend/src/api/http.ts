// The one fetch wrapper: every API call goes through here, so 401/403, lost connections and
// error bodies are handled once and views never do it themselves.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code?: string,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

export interface HttpHooks {
  /** The session is gone (expired, revoked): the app sends the user to the login screen. */
  onUnauthorized(): void
  /** false when the gateway could not be reached, true on any answer. */
  onReachability(reachable: boolean): void
}

const TOKEN_KEY = 'berth.token'
let token: string | null = sessionStorage.getItem(TOKEN_KEY)
let hooks: HttpHooks = { onUnauthorized: () => {}, onReachability: () => {} }

export function installHttpHooks(h: HttpHooks): void {
  hooks = h
}

export function getToken(): string | null {
  return token
}

/** Kept in memory and in sessionStorage (per tab, gone when the tab closes). */
export function setToken(value: string | null): void {
  token = value
  if (value) sessionStorage.setItem(TOKEN_KEY, value)
  else sessionStorage.removeItem(TOKEN_KEY)
}

export type Query = Record<string, string | number | boolean | undefined | null>

export interface RequestOptions {
  query?: Query
  body?: unknown
  signal?: AbortSignal
}

export function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v))
  }
  const qs = params.toString()
  return '/api' + path + (qs ? '?' + qs : '')
}

async function send(method: string, path: string, opts: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' }
  const sentToken = token
  if (sentToken) headers.Authorization = 'Bearer ' + sentToken
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json'
  let res: Response
  try {
    res = await fetch(buildUrl(path, opts.query), {
      method,
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: opts.signal,
    })
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e
    hooks.onReachability(false)
    throw new ApiError(0, 'Cannot reach the Berth gateway. Check your connection.', 'unreachable')
  }
  hooks.onReachability(true)
  if (res.ok) return res
  throw await toError(res, sentToken)
}

async function toError(res: Response, sentToken: string | null): Promise<ApiError> {
  let message = ''
  let code: string | undefined
  try {
    const body = await res.json()
    message = typeof body?.message === 'string' ? body.message : ''
    code = typeof body?.code === 'string' ? body.code : undefined
  } catch {
    // not JSON (a proxy error page, say): fall back to the status line
  }
  if (res.status === 401) {
    // Only a request that carried the session can end it; a failed login is a 401 too.
    // Requests racing the first 401 see the token already gone and must not redirect again.
    if (sentToken) {
      if (token === sentToken) {
        setToken(null)
        hooks.onUnauthorized()
      }
      return new ApiError(401, 'Your session has expired. Please sign in again.', code ?? 'unauthorized')
    }
    return new ApiError(401, message || 'Wrong username or password.', code ?? 'unauthorized')
  }
  if (res.status === 403) {
    return new ApiError(403, message || 'You are not allowed to do this.', code ?? 'forbidden')
  }
  if (res.status === 429) {
    const retry = res.headers.get('Retry-After')
    return new ApiError(429, message || `Too many attempts. Try again${retry ? ` in ${retry} s` : ' later'}.`, code)
  }
  return new ApiError(res.status, message || `${res.status} ${res.statusText || 'Request failed'}`, code)
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await send(method, path, opts)
  if (res.status === 204) return undefined as T
  const text = await res.text()
  return (text ? JSON.parse(text) : undefined) as T
}

/** POSTs and reads a newline-delimited JSON answer, one callback per object. */
export async function requestNdjson<T>(
  path: string,
  body: unknown,
  onObject: (obj: T) => void,
  signal?: AbortSignal,
): Promise<void> {
  const res = await send('POST', path, { body, signal })
  if (!res.body) return
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader()
  let buffered = ''
  for (;;) {
    const { value, done } = await reader.read()
    if (value) buffered += value
    let nl: number
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, nl).trim()
      buffered = buffered.slice(nl + 1)
      if (line) onObject(JSON.parse(line) as T)
    }
    if (done) break
  }
  if (buffered.trim()) onObject(JSON.parse(buffered) as T)
}

export const get = <T>(path: string, query?: Query) => request<T>('GET', path, { query })
export const post = <T>(path: string, body?: unknown, query?: Query) => request<T>('POST', path, { body, query })
export const put = <T>(path: string, body?: unknown) => request<T>('PUT', path, { body })
export const patch = <T>(path: string, body?: unknown) => request<T>('PATCH', path, { body })
export const del = <T>(path: string, query?: Query) => request<T>('DELETE', path, { query })

/** The gateway wraps every list as {items, ...}. */
export const getItems = async <T>(path: string, query?: Query): Promise<T[]> => (await get<{ items: T[] }>(path, query)).items
