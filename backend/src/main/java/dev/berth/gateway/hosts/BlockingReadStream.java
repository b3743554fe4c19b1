package dev.berth.gateway.hosts;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.Executor;

/**
 * Adapts a blocking InputStream (a docker-java response body) to a Vert.x ReadStream.
 * A dedicated reader thread does the blocking reads and hands chunks to the context.
 * It honours demand (pause/fetch): a paused stream delivers nothing, and at most
 * MAX_IN_FLIGHT chunks wait undelivered, so a slow consumer stalls the engine read rather
 * than growing a buffer.
 */
final class BlockingReadStream implements ReadStream<Buffer> {

  private static final int CHUNK = 16 * 1024;
  private static final int MAX_IN_FLIGHT = 4;

  private final Context context;
  private final InputStream in;
  private final Closeable resource;
  private final Executor readers;
  private final Object lock = new Object();

  private long demand = Long.MAX_VALUE;
  private int inFlight;
  private boolean started;
  private boolean closed;
  private Handler<Buffer> handler;
  private Handler<Void> endHandler;
  private Handler<Throwable> exceptionHandler;
  /** Read but not yet delivered; touched on the context only. */
  private final ArrayDeque<Buffer> pending = new ArrayDeque<>();
  private boolean endPending;

  BlockingReadStream(Context context, InputStream in, Closeable resource, Executor readers) {
    this.context = context;
    this.in = in;
    this.resource = resource;
    this.readers = readers;
  }

  @Override
  public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
    this.exceptionHandler = handler;
    return this;
  }

  @Override
  public ReadStream<Buffer> handler(Handler<Buffer> handler) {
    this.handler = handler;
    if (handler != null) {
      startOnce();
    }
    return this;
  }

  @Override
  public ReadStream<Buffer> pause() {
    synchronized (lock) {
      demand = 0;
    }
    return this;
  }

  @Override
  public ReadStream<Buffer> resume() {
    return fetch(Long.MAX_VALUE);
  }

  @Override
  public ReadStream<Buffer> fetch(long amount) {
    synchronized (lock) {
      demand = amount == Long.MAX_VALUE || Long.MAX_VALUE - demand < amount ? Long.MAX_VALUE : demand + amount;
      lock.notifyAll();
    }
    context.runOnContext(v -> drain());
    return this;
  }

  @Override
  public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
    this.endHandler = endHandler;
    return this;
  }

  /** Stops reading and releases the engine connection. */
  void close() {
    synchronized (lock) {
      closed = true;
      lock.notifyAll();
    }
    closeQuietly();
  }

  private void startOnce() {
    synchronized (lock) {
      if (started) {
        return;
      }
      started = true;
    }
    try {
      readers.execute(this::readLoop);
    } catch (RuntimeException rejected) {
      closeQuietly();
      context.runOnContext(v -> fail(new IOException("too many open engine streams", rejected)));
    }
  }

  private void readLoop() {
    byte[] chunk = new byte[CHUNK];
    try {
      while (true) {
        synchronized (lock) {
          // read-ahead is bounded by the undelivered chunks; demand only gates delivery
          while (!closed && inFlight >= MAX_IN_FLIGHT) {
            lock.wait();
          }
          if (closed) {
            return;
          }
        }
        int n = in.read(chunk);
        if (n < 0) {
          context.runOnContext(v -> {
            endPending = true;
            drain();
          });
          return;
        }
        if (n == 0) {
          continue;
        }
        Buffer data = Buffer.buffer(Arrays.copyOf(chunk, n));
        synchronized (lock) {
          inFlight++;
        }
        context.runOnContext(v -> {
          pending.add(data);
          drain();
        });
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException | RuntimeException e) {
      boolean wasClosed;
      synchronized (lock) {
        wasClosed = closed;
      }
      if (!wasClosed) {
        context.runOnContext(v -> fail(e));
      }
    } finally {
      closeQuietly();
    }
  }

  /** On the context: hands pending chunks to the handler while there is demand, then the end. */
  private void drain() {
    while (!pending.isEmpty()) {
      synchronized (lock) {
        if (closed) {
          pending.clear();
          return;
        }
        if (demand == 0) {
          return;
        }
        if (demand != Long.MAX_VALUE) {
          demand--;
        }
        inFlight--;
        lock.notifyAll();
      }
      Buffer data = pending.poll();
      Handler<Buffer> h = handler;
      if (h != null) {
        h.handle(data);
      }
    }
    if (endPending && !isClosed()) {
      endPending = false;
      Handler<Void> h = endHandler;
      if (h != null) {
        h.handle(null);
      }
    }
  }

  private void fail(Throwable error) {
    Handler<Throwable> h = exceptionHandler;
    if (h != null) {
      h.handle(error);
    }
  }

  private boolean isClosed() {
    synchronized (lock) {
      return closed;
    }
  }

  private void closeQuietly() {
    try {
      resource.close();
    } catch (IOException | RuntimeException ignored) {
      // the connection is being abandoned either way
    }
  }
}
