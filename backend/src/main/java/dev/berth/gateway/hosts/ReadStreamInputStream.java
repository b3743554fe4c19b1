package dev.berth.gateway.hosts;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The other direction of {@link BlockingReadStream}: a Vert.x ReadStream (a client's request
 * body) read as a blocking InputStream by the transport's thread. The source is fetched a few
 * chunks at a time, so at most MAX_QUEUED chunks wait here whatever the body's size.
 */
final class ReadStreamInputStream extends InputStream {

  private static final int MAX_QUEUED = 8;
  private static final Object END = new Object();

  private final Context context;
  private final ReadStream<Buffer> source;
  private final LinkedBlockingQueue<Object> chunks = new LinkedBlockingQueue<>();
  private Buffer current;
  private int position;
  private boolean ended;
  private volatile boolean closed;

  /** Call on the context that owns the source. */
  ReadStreamInputStream(Context context, ReadStream<Buffer> source) {
    this.context = context;
    this.source = source;
    source.pause();
    source.handler(chunks::add);
    source.endHandler(v -> chunks.add(END));
    source.exceptionHandler(e -> chunks.add(e instanceof IOException io ? io : new IOException(e)));
    source.fetch(MAX_QUEUED);
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
    while (current == null || position == current.length()) {
      if (ended) {
        return -1;
      }
      if (closed) {
        throw new IOException("the upload was abandoned");
      }
      Object next;
      try {
        next = chunks.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for the request body", e);
      }
      if (next == END) {
        ended = true;
      } else if (next instanceof IOException e) {
        throw e;
      } else {
        current = (Buffer) next;
        position = 0;
        context.runOnContext(v -> source.fetch(1));
      }
    }
    int n = Math.min(len, current.length() - position);
    current.getBytes(position, position + n, b, off);
    position += n;
    return n;
  }

  /** Unblocks a reader and lets the source go: the engine call failed or the client left. */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      chunks.add(new IOException("the upload was abandoned"));
    }
  }
}
