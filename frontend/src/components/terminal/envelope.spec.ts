import { describe, expect, it } from 'vitest'
import { liveUrl } from '../../live/socket'
import { decode, terminalPath } from './envelope'

describe('terminal envelope', () => {
  it('decodes server messages and rejects malformed ones', () => {
    expect(decode('{"type":"exit","code":0}')).toEqual({ type: 'exit', code: 0 })
    expect(decode({ type: 'error', message: 'idle timeout' })).toEqual({ type: 'error', message: 'idle timeout' })
    expect(decode('{"type":"output","data":"hi"}')).toEqual({ type: 'output', data: 'hi' })
    expect(decode('{"type":"exit","code":"0"}')).toBeNull()
    expect(decode('{"type":"other"}')).toBeNull()
    expect(decode('not json')).toBeNull()
  })
  it('builds terminal and attach paths, and ws/wss URLs without credentials', () => {
    expect(terminalPath('my host', 'c1')).toBe('/hosts/my%20host/containers/c1/terminal')
    expect(terminalPath('h', 'c1', 'attach')).toBe('/hosts/h/containers/c1/attach')
    expect(liveUrl({ protocol: 'https:', host: 'b:8443' }, terminalPath('h', 'c'))).toBe('wss://b:8443/api/hosts/h/containers/c/terminal')
    expect(liveUrl({ protocol: 'http:', host: 'b' }, '/x')).toMatch(/^ws:\/\//)
  })
})
