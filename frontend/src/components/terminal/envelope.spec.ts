import { describe, expect, it } from 'vitest'
import { decode, encode, terminalUrl } from './envelope'

describe('terminal envelope', () => {
  it('encodes client messages', () => {
    expect(JSON.parse(encode({ type: 'resize', cols: 80, rows: 24 }))).toEqual({ type: 'resize', cols: 80, rows: 24 })
    expect(JSON.parse(encode({ type: 'input', data: 'ls\r' }))).toEqual({ type: 'input', data: 'ls\r' })
  })
  it('decodes server messages and rejects malformed ones', () => {
    expect(decode('{"type":"exit","code":0}')).toEqual({ type: 'exit', code: 0 })
    expect(decode('{"type":"output","data":"hi"}')).toEqual({ type: 'output', data: 'hi' })
    expect(decode('{"type":"exit","code":"0"}')).toBeNull()
    expect(decode('{"type":"other"}')).toBeNull()
    expect(decode('not json')).toBeNull()
  })
  it('builds ws and wss URLs without credentials', () => {
    expect(terminalUrl({ protocol: 'https:', host: 'b:8443' }, 'my host', 'c1')).toBe('wss://b:8443/api/hosts/my%20host/containers/c1/terminal')
    expect(terminalUrl({ protocol: 'http:', host: 'b' }, 'h', 'c')).toMatch(/^ws:\/\//)
  })
})
