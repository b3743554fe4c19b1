import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError, buildUrl, getToken, installHttpHooks, request, requestNdjson, setToken } from './http'

function reply(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } })
}

// Resolves to the rejection, and fails the test if the call succeeded.
const failure = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected the request to fail')
    },
    (e: ApiError) => e,
  )

describe('http wrapper', () => {
  const hooks = { onUnauthorized: vi.fn(), onReachability: vi.fn() }
  const fetchMock = vi.fn()

  beforeEach(() => {
    vi.stubGlobal('fetch', fetchMock)
    installHttpHooks(hooks)
    setToken('tok-1')
  })
  afterEach(() => {
    vi.unstubAllGlobals()
    vi.resetAllMocks()
    setToken(null)
  })

  it('sends the bearer token and JSON body, and parses the answer', async () => {
    fetchMock.mockResolvedValue(reply(200, { ok: true }))
    const res = await request('POST', '/hosts', { body: { name: 'a' }, query: { all: true, empty: '' } })
    expect(res).toEqual({ ok: true })
    const [url, init] = fetchMock.mock.calls[0]
    expect(url).toBe('/api/hosts?all=true')
    expect(init.headers.Authorization).toBe('Bearer tok-1')
    expect(init.body).toBe('{"name":"a"}')
    expect(hooks.onReachability).toHaveBeenCalledWith(true)
  })

  it('on 401 with a session, drops the token and tells the app to go to login', async () => {
    fetchMock.mockResolvedValue(reply(401, { message: 'token expired', code: 'unauthorized' }))
    const err = await failure(request('GET', '/me'))
    expect(err).toBeInstanceOf(ApiError)
    expect(err.status).toBe(401)
    expect(err.message).toMatch(/session has expired/)
    expect(getToken()).toBeNull()
    expect(sessionStorage.getItem('berth.token')).toBeNull()
    expect(hooks.onUnauthorized).toHaveBeenCalledOnce()
  })

  it('redirects once when parallel requests all fail with 401', async () => {
    fetchMock.mockImplementation(async () => reply(401, { message: 'token expired' }))
    const errs = await Promise.all([failure(request('GET', '/hosts')), failure(request('GET', '/me'))])
    expect(errs.map((e) => e.message)).toEqual([expect.stringMatching(/session has expired/), expect.stringMatching(/session has expired/)])
    expect(hooks.onUnauthorized).toHaveBeenCalledOnce()
  })

  it('a failed login is a plain error, not a redirect', async () => {
    setToken(null)
    fetchMock.mockResolvedValue(reply(401, { message: 'bad credentials' }))
    const err = await failure(request('POST', '/auth/login', { body: {} }))
    expect(err.message).toBe('bad credentials')
    expect(hooks.onUnauthorized).not.toHaveBeenCalled()
  })

  it('turns 403 into the server message, or a readable default', async () => {
    fetchMock.mockResolvedValueOnce(reply(403, { message: 'privileged containers are not allowed', code: 'policy_violation' }))
    const err = await failure(request('POST', '/hosts/local/containers'))
    expect(err).toMatchObject({ status: 403, code: 'policy_violation', message: 'privileged containers are not allowed' })
    fetchMock.mockResolvedValueOnce(reply(403, 'nope'))
    const err2 = await failure(request('GET', '/users'))
    expect(err2.message).toBe('You are not allowed to do this.')
    expect(hooks.onUnauthorized).not.toHaveBeenCalled()
  })

  it('reports an unreachable gateway', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'))
    const err = await failure(request('GET', '/hosts'))
    expect(err.code).toBe('unreachable')
    expect(hooks.onReachability).toHaveBeenCalledWith(false)
  })

  it('says when to retry after 429', async () => {
    fetchMock.mockResolvedValue(reply(429, '', { 'Retry-After': '30' }))
    const err = await failure(request('POST', '/auth/login'))
    expect(err.message).toBe('Too many attempts. Try again in 30 s.')
  })

  it('reads NDJSON split across chunks', async () => {
    const enc = new TextEncoder()
    const chunks = ['{"status":"a"}\n{"sta', 'tus":"b"}\n', '{"status":"c"}']
    const body = new ReadableStream({
      start(c) {
        chunks.forEach((s) => c.enqueue(enc.encode(s)))
        c.close()
      },
    })
    fetchMock.mockResolvedValue(new Response(body, { status: 200 }))
    const seen: unknown[] = []
    await requestNdjson('/hosts/local/images/pull', { image: 'x' }, (o) => seen.push(o))
    expect(seen).toEqual([{ status: 'a' }, { status: 'b' }, { status: 'c' }])
  })

  it('builds URLs without empty parameters', () => {
    expect(buildUrl('/x', { a: 1, b: undefined, c: null, d: 'y z' })).toBe('/api/x?a=1&d=y+z')
  })
})
