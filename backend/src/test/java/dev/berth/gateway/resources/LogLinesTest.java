package dev.berth.gateway.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import org.junit.jupiter.api.Test;

class LogLinesTest {

  private static Buffer frame(int stream, String text) {
    byte[] data = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return Buffer.buffer().appendByte((byte) stream).appendBytes(new byte[3]).appendInt(data.length).appendBytes(data);
  }

  @Test
  void demultiplexesAndJoinsLinesAcrossFrames() {
    Buffer body = frame(1, "hel").appendBuffer(frame(2, "oops\n")).appendBuffer(frame(1, "lo\nworld\r\n"))
        .appendBuffer(frame(1, "tail"));
    JsonArray lines = LogLines.split(body, false);
    assertEquals(new JsonArray("""
        [{"stream":"stderr","line":"oops"},{"stream":"stdout","line":"hello"},
         {"stream":"stdout","line":"world"},{"stream":"stdout","line":"tail"}]"""), lines);
    assertEquals("oops\nhello\nworld\ntail\n", LogLines.text(lines));
  }

  @Test
  void ttyOutputIsRawStdout() {
    JsonArray lines = LogLines.split(Buffer.buffer("a\nb\n"), true);
    assertEquals(new JsonArray("[{\"stream\":\"stdout\",\"line\":\"a\"},{\"stream\":\"stdout\",\"line\":\"b\"}]"), lines);
  }

  @Test
  void emptyLog() {
    assertEquals(new JsonArray(), LogLines.split(Buffer.buffer(), false));
  }
}
