package dev.berth.gateway.hosts;

import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a complete engine answer into one Buffer. With a Content-Length the bytes go straight
 * into an array of that size, in as few socket reads as the kernel allows (the transport reads
 * past its own 8 KB buffer when asked for more): InputStream.readNBytes(int)'s 8 KB steps and final
 * concatenation cost 0.5 to 1 ms on a 500-container list. Without one (chunked), large steps.
 * Runs on the engine workers: it blocks.
 */
final class CompleteBody {

  private static final int STEP = 64 << 10;
  /**
   * Longest single read: the JDK reads a socket through a per-thread direct buffer as large as
   * the request, which counts against -XX:MaxDirectMemorySize; the kernel hands out little more
   * than its socket buffer per read anyway.
   */
  private static final int MAX_READ = 256 << 10;

  /** Tells the bytes read so far at least every {@link #PROGRESS_STEP} bytes, to read them while the rest arrives. */
  static final int PROGRESS_STEP = 8 << 10;

  /** Sees the body as it arrives: bytes[0, length), in the same array or a longer copy of it. */
  @FunctionalInterface
  interface Progress {
    void arrived(byte[] bytes, int length);
  }

  private CompleteBody() {
  }

  static Buffer read(InputStream in, long length, int max) throws IOException {
    return read(in, length, max, null);
  }

  /**
   * @param length the Content-Length, or -1 when unknown
   * @param progress told of the bytes so far as they arrive (not of the last ones: the caller has
   *     them all next); may be null
   * @throws TooLarge past max bytes, before reading them
   */
  static Buffer read(InputStream in, long length, int max, Progress progress) throws IOException {
    if (in == null || length == 0) {
      return Buffer.buffer();
    }
    if (length > max) {
      throw new TooLarge();
    }
    if (length > 0) {
      byte[] bytes = new byte[(int) length];
      int n = 0;
      int told = 0;
      while (n < bytes.length) {
        if (progress != null && n - told >= PROGRESS_STEP) {
          progress.arrived(bytes, n);
          told = n;
        }
        int read = in.read(bytes, n, Math.min(bytes.length - n, MAX_READ));
        if (read < 0) {
          throw new EOFException("the engine's answer ended after " + n + " of " + length + " bytes");
        }
        n += read;
      }
      // the transport returns the connection to its pool only once it has seen the end: without
      // this read, closing the answer would drop the connection and the next call would connect anew
      if (in.read() >= 0) {
        throw new IOException("the engine's answer is longer than its Content-Length");
      }
      return wrap(bytes, n);
    }
    byte[] bytes = new byte[STEP];
    int n = 0;
    int told = 0;
    while (true) {
      if (progress != null && n - told >= PROGRESS_STEP) {
        progress.arrived(bytes, n);
        told = n;
      }
      int read = in.read(bytes, n, Math.min(bytes.length - n, MAX_READ));
      if (read < 0) {
        return wrap(bytes, n);
      }
      n += read;
      if (n == bytes.length) {
        if (n > max) {
          throw new TooLarge();
        }
        bytes = Arrays.copyOf(bytes, Math.min(bytes.length * 2, max + 1));
      }
    }
  }

  /** The array as a Buffer, without the copy Buffer.buffer(byte[]) makes. */
  private static Buffer wrap(byte[] bytes, int length) {
    return BufferInternal.buffer(Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(bytes, 0, length)));
  }

  /** The answer is larger than the caller holds in memory. */
  static final class TooLarge extends IOException {
    TooLarge() {
      super("answer too large");
    }
  }
}
