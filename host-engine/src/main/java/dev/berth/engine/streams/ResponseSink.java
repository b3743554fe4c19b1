package dev.berth.engine.streams;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/** A chunked HTTP response as a {@link Sink}; writes run on the response's context. */
final class ResponseSink implements Sink {

  private final Context context;
  private final HttpServerResponse response;
  private volatile boolean closed;

  ResponseSink(Context context, HttpServerResponse response) {
    this.context = context;
    this.response = response;
    response.closeHandler(v -> closed = true);
  }

  @Override
  public void write(Buffer data) {
    context.runOnContext(
        v -> {
          if (!response.ended() && !response.closed()) {
            response.write(data);
          }
        });
  }

  @Override
  public boolean writeQueueFull() {
    return response.writeQueueFull();
  }

  @Override
  public void end() {
    closed = true;
    context.runOnContext(
        v -> {
          if (!response.ended() && !response.closed()) {
            response.end();
          }
        });
  }

  @Override
  public boolean isClosed() {
    return closed;
  }
}
