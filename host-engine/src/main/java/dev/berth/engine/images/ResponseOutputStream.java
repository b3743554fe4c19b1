package dev.berth.engine.images;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A chunked response as a blocking OutputStream for worker threads. Each flushed chunk waits
 * until Vert.x has handed it to the socket, so a slow client slows the writer down instead of
 * filling memory.
 */
public final class ResponseOutputStream extends OutputStream {

  private static final int CHUNK = 1 << 16;

  private final HttpServerResponse response;
  private final byte[] buf = new byte[CHUNK];
  private int count;

  public ResponseOutputStream(HttpServerResponse response) {
    this.response = response;
  }

  @Override
  public void write(int b) throws IOException {
    if (count == buf.length) {
      flush();
    }
    buf[count++] = (byte) b;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    while (len > 0) {
      if (count == buf.length) {
        flush();
      }
      int n = Math.min(len, buf.length - count);
      System.arraycopy(b, off, buf, count, n);
      count += n;
      off += n;
      len -= n;
    }
  }

  @Override
  public void flush() throws IOException {
    if (count == 0) {
      return;
    }
    Buffer chunk = Buffer.buffer(count).appendBytes(buf, 0, count);
    count = 0;
    try {
      // Future.await refuses worker threads; a plain blocking wait is what this stream is for
      response.write(chunk).toCompletionStage().toCompletableFuture().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while writing the response", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IOException("client went away: " + e.getCause().getMessage(), e.getCause());
    }
  }

  @Override
  public void close() throws IOException {
    flush();
  }
}
