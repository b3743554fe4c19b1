package dev.berth.gateway.resources;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Splits an engine log body into lines. Without a TTY the engine multiplexes: frames of an
 * 8-byte header [stream, 0, 0, 0, size uint32 BE] then size bytes (1 = stdout, 2 = stderr).
 * With a TTY the body is raw output, reported as stdout. A line may span frames.
 */
final class LogLines {

  private LogLines() {
  }

  /** [{"stream": "stdout"|"stderr", "line": "..."}] in the engine's order. */
  static JsonArray split(Buffer body, boolean tty) {
    JsonArray out = new JsonArray();
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    if (tty || !looksMultiplexed(body)) {
      append(body.getBytes(), stdout, "stdout", out);
    } else {
      int pos = 0;
      while (pos + 8 <= body.length()) {
        int stream = body.getByte(pos);
        int size = body.getInt(pos + 4);
        int end = Math.min(body.length(), pos + 8 + size);
        byte[] payload = body.getBytes(pos + 8, end);
        if (stream == 2) {
          append(payload, stderr, "stderr", out);
        } else {
          append(payload, stdout, "stdout", out);
        }
        pos = end;
      }
    }
    flush(stdout, "stdout", out);
    flush(stderr, "stderr", out);
    return out;
  }

  /** Plain text of the lines, for format=text. */
  static String text(JsonArray lines) {
    StringBuilder sb = new StringBuilder();
    for (Object o : lines) {
      sb.append(((JsonObject) o).getString("line")).append('\n');
    }
    return sb.toString();
  }

  private static boolean looksMultiplexed(Buffer body) {
    return body.length() >= 8 && body.getByte(0) <= 2 && body.getByte(1) == 0 && body.getByte(2) == 0
        && body.getByte(3) == 0;
  }

  private static void append(byte[] data, ByteArrayOutputStream pending, String stream, JsonArray out) {
    for (byte b : data) {
      if (b == '\n') {
        emit(pending, stream, out);
      } else {
        pending.write(b);
      }
    }
  }

  private static void flush(ByteArrayOutputStream pending, String stream, JsonArray out) {
    if (pending.size() > 0) {
      emit(pending, stream, out);
    }
  }

  private static void emit(ByteArrayOutputStream pending, String stream, JsonArray out) {
    String line = pending.toString(StandardCharsets.UTF_8);
    if (line.endsWith("\r")) {
      line = line.substring(0, line.length() - 1);
    }
    out.add(new JsonObject().put("stream", stream).put("line", line));
    pending.reset();
  }
}
