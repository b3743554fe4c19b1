package dev.berth.engine.streams;

import io.vertx.core.buffer.Buffer;

/**
 * Docker's multiplexed stream framing, used when a container has no TTY: an 8-byte header
 * {@code [stream, 0, 0, 0, size uint32 big-endian]} followed by {@code size} bytes.
 */
public final class StdFrames {

  public static final int STDIN = 0;
  public static final int STDOUT = 1;
  public static final int STDERR = 2;

  public static final String MULTIPLEXED = "application/vnd.docker.multiplexed-stream";
  public static final String RAW = "application/vnd.docker.raw-stream";

  private StdFrames() {}

  /** One frame holding {@code len} bytes of {@code data} from {@code off}. */
  public static Buffer frame(int stream, byte[] data, int off, int len) {
    if (stream < 0 || stream > 2) {
      throw new IllegalArgumentException("stream id " + stream);
    }
    Buffer out = Buffer.buffer(8 + len);
    out.appendByte((byte) stream).appendByte((byte) 0).appendByte((byte) 0).appendByte((byte) 0);
    out.appendInt(len);
    out.appendBytes(data, off, len);
    return out;
  }

  public static Buffer frame(int stream, byte[] data) {
    return frame(stream, data, 0, data.length);
  }

  /** The bytes as the client receives them: framed without a TTY, raw with one. */
  public static Buffer encode(boolean tty, int stream, byte[] data, int off, int len) {
    return tty ? Buffer.buffer().appendBytes(data, off, len) : frame(stream, data, off, len);
  }
}
