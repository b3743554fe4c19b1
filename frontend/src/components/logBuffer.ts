// A bounded, append-only line buffer for followed logs: a chatty container cannot grow the
// page's memory without limit; the oldest lines go first.
import type { LogLine } from './logLines'

export interface BufferedLine extends LogLine {
  /** Stable key for rendering: grows by one per line ever appended. */
  seq: number
  time?: string | null
}

export class LineBuffer {
  private lines: BufferedLine[] = []
  private next = 0
  private trimmed = 0

  constructor(readonly max: number) {}

  push(line: LogLine & { time?: string | null }): void {
    this.lines.push({ ...line, seq: this.next++ })
    // Trim in chunks so a steady stream does not shift the array on every line.
    if (this.lines.length > this.max + Math.ceil(this.max / 10)) {
      const cut = this.lines.length - this.max
      this.lines.splice(0, cut)
      this.trimmed += cut
    }
  }

  /** The newest max lines, oldest first. */
  snapshot(): BufferedLine[] {
    return this.lines.length > this.max ? this.lines.slice(this.lines.length - this.max) : this.lines.slice()
  }

  /** Lines no longer kept (the oldest), since the last clear. */
  get dropped(): number {
    return this.trimmed + Math.max(0, this.lines.length - this.max)
  }

  get size(): number {
    return Math.min(this.lines.length, this.max)
  }

  clear(): void {
    this.lines = []
    this.trimmed = 0
  }
}
