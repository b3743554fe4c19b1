package dev.berth.engine.streams;

import io.vertx.core.buffer.Buffer;

/** Where a stream's output goes: a hijacked connection or a chunked response. Thread-safe. */
public interface Sink {
  void write(Buffer data);

  /** True when the client is slow and output should wait. */
  boolean writeQueueFull();

  void end();

  /** True once the client went away or the stream was ended. */
  boolean isClosed();
}
