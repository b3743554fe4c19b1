package dev.berth.gateway.hosts;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

import java.util.Map;

/**
 * A streamed engine answer (pull progress, logs, events, stats). Headers arrive first;
 * the body is a back-pressured ReadStream, so a slow consumer stops the engine read
 * instead of buffering. close() aborts the stream (client went away).
 */
public interface EngineStream {

  int status();

  /** Response headers with lower-case names. */
  Map<String, String> headers();

  ReadStream<Buffer> body();

  void close();
}
