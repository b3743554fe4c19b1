package dev.berth.gateway.live;

import io.vertx.core.buffer.Buffer;

/**
 * Incremental decoder of Docker's multiplexed stream: frames of an 8-byte header
 * [stream, 0, 0, 0, size uint32 BE] and size bytes (1 stdout, 2 stderr). Chunks from the
 * engine cut frames anywhere; the decoder keeps at most one header's worth of bytes between
 * chunks and hands payload pieces on as they arrive.
 */
final class StreamFrames {
  static final int STDOUT = 1;
  static final int STDERR = 2;

  interface Sink {
    void payload(int stream, Buffer data);
  }

  private final Sink sink;
  private Buffer header = Buffer.buffer(8);
  private int stream;
  private long remaining;

  StreamFrames(Sink sink) {
    this.sink = sink;
  }

  void feed(Buffer chunk) {
    int pos = 0;
    int length = chunk.length();
    while (pos < length) {
      if (remaining == 0) {
        int take = Math.min(8 - header.length(), length - pos);
        header.appendBuffer(chunk, pos, take);
        pos += take;
        if (header.length() == 8) {
          stream = header.getByte(0);
          remaining = header.getUnsignedInt(4);
          header = Buffer.buffer(8);
        }
        continue;
      }
      int take = (int) Math.min(remaining, length - pos);
      sink.payload(stream == STDERR ? STDERR : STDOUT, chunk.getBuffer(pos, pos + take));
      pos += take;
      remaining -= take;
    }
  }
}
