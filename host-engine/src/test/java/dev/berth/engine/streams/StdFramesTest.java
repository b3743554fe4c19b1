package dev.berth.engine.streams;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StdFramesTest {

  @Test
  void frameHasDockersEightByteHeader() {
    Buffer b = StdFrames.frame(StdFrames.STDERR, "hi\n".getBytes(StandardCharsets.UTF_8));
    assertArrayEquals(new byte[] {2, 0, 0, 0, 0, 0, 0, 3, 'h', 'i', '\n'}, b.getBytes());
  }

  @Test
  void sizeIsBigEndian() {
    byte[] data = new byte[70000];
    Buffer b = StdFrames.frame(StdFrames.STDOUT, data);
    assertEquals(1, b.getByte(0));
    assertEquals(70000, b.getInt(4));
    assertEquals(8 + 70000, b.length());
  }

  @Test
  void ttyOutputIsRaw() {
    byte[] data = "abc".getBytes(StandardCharsets.UTF_8);
    assertArrayEquals(data, StdFrames.encode(true, StdFrames.STDOUT, data, 0, 3).getBytes());
    assertEquals(11, StdFrames.encode(false, StdFrames.STDOUT, data, 0, 3).length());
  }

  @Test
  void sliceOfData() {
    byte[] data = "xxabcxx".getBytes(StandardCharsets.UTF_8);
    Buffer b = StdFrames.frame(StdFrames.STDOUT, data, 2, 3);
    assertEquals("abc", b.getString(8, 11));
  }

  @Test
  void unknownStreamIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> StdFrames.frame(3, new byte[1]));
  }
}
