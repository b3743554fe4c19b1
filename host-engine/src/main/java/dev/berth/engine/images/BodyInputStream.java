package dev.berth.engine.images;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A request body as a blocking InputStream for worker threads, with back-pressure: the
 * request is paused while the reader lags, so an image upload never sits whole in memory.
 * Create it on the event loop, in the route handler, before anything asynchronous happens.
 */
public final class BodyInputStream extends InputStream {

  private static final Buffer EOF = Buffer.buffer();
  private static final int HIGH_WATER = 32;

  private final HttpServerRequest request;
  private final Context context;
  private final LinkedBlockingQueue<Buffer> queue = new LinkedBlockingQueue<>();
  private volatile Throwable failure;
  private volatile boolean paused;
  private Buffer current;
  private int pos;
  private boolean ended;

  public BodyInputStream(HttpServerRequest request, Context context) {
    this.request = request;
    this.context = context;
    request.handler(buf -> {
      queue.add(buf);
      if (queue.size() >= HIGH_WATER && !paused) {
        paused = true;
        request.pause();
      }
    });
    request.endHandler(v -> queue.add(EOF));
    request.exceptionHandler(t -> {
      failure = t;
      queue.add(EOF);
    });
    request.resume();
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (current == null || pos >= current.length()) {
      if (ended) {
        return -1;
      }
      Buffer next;
      try {
        next = queue.poll(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while reading the request body");
      }
      if (next == null) {
        throw new IOException("timed out waiting for the request body");
      }
      if (next == EOF) {
        ended = true;
        if (failure != null) {
          throw new IOException("request body: " + failure.getMessage(), failure);
        }
        return -1;
      }
      current = next;
      pos = 0;
      if (paused && queue.size() < HIGH_WATER / 4) {
        paused = false;
        context.runOnContext(v -> request.resume());
      }
    }
    int n = Math.min(len, current.length() - pos);
    current.getBytes(pos, pos + n, b, off);
    pos += n;
    return n;
  }
}
