// A stand-in for the browser's WebSocket in unit tests: records what the code sends and lets
// a test play the server's part (open, frames, close). Only spec files import it.
export class FakeWebSocket {
  static readonly CONNECTING = 0
  static readonly OPEN = 1
  static readonly CLOSED = 3
  static all: FakeWebSocket[] = []

  readyState = FakeWebSocket.CONNECTING
  binaryType = 'blob'
  sent: unknown[] = []
  closedWith: number | undefined
  onopen: (() => void) | null = null
  onmessage: ((e: { data: unknown }) => void) | null = null
  onclose: ((e: { code: number; reason: string }) => void) | null = null

  constructor(
    readonly url: string,
    readonly protocols: string[],
  ) {
    FakeWebSocket.all.push(this)
  }

  static last(): FakeWebSocket {
    return FakeWebSocket.all[FakeWebSocket.all.length - 1]
  }

  static reset(): void {
    FakeWebSocket.all = []
  }

  send(data: unknown): void {
    this.sent.push(data)
  }

  close(code = 1005): void {
    this.closedWith = code
    this.readyState = FakeWebSocket.CLOSED
  }

  /** The JSON messages the client sent, parsed. */
  json(): Record<string, unknown>[] {
    return this.sent.filter((d): d is string => typeof d === 'string').map((d) => JSON.parse(d))
  }

  serverOpens(): void {
    this.readyState = FakeWebSocket.OPEN
    this.onopen?.()
  }

  serverSends(msg: object | ArrayBuffer): void {
    this.onmessage?.({ data: msg instanceof ArrayBuffer ? msg : JSON.stringify(msg) })
  }

  serverCloses(code: number, reason = ''): void {
    this.readyState = FakeWebSocket.CLOSED
    this.onclose?.({ code, reason })
  }
}
