package dev.berth.gateway.live;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Cuts a byte stream into lines across chunk boundaries. A line longer than maxLine is handed
 * on in pieces, so a stream without newlines cannot grow the buffer without bound.
 */
final class LineSplitter {
  private final int maxLine;
  private final Consumer<String> lines;
  private Buffer pending = Buffer.buffer();

  LineSplitter(int maxLine, Consumer<String> lines) {
    this.maxLine = maxLine;
    this.lines = lines;
  }

  void feed(Buffer chunk) {
    int start = 0;
    for (int i = 0; i < chunk.length(); i++) {
      if (chunk.getByte(i) == '\n') {
        pending.appendBuffer(chunk, start, i - start);
        emit();
        start = i + 1;
      }
    }
    if (start < chunk.length()) {
      pending.appendBuffer(chunk, start, chunk.length() - start);
      if (pending.length() >= maxLine) {
        emit();
      }
    }
  }

  /** Hands on what is left of an unterminated last line. */
  void flush() {
    if (pending.length() > 0) {
      emit();
    }
  }

  private void emit() {
    String line = pending.toString(StandardCharsets.UTF_8);
    pending = Buffer.buffer();
    lines.accept(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
  }
}
