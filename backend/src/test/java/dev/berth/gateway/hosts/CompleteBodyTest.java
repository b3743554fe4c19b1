package dev.berth.gateway.hosts;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompleteBodyTest {

  /** Hands out at most 5000 bytes per read, like a socket with little buffered. */
  private static InputStream trickle(byte[] data) {
    return new ByteArrayInputStream(data) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, 5000));
      }
    };
  }

  private static byte[] random(int n) {
    byte[] data = new byte[n];
    new Random(n).nextBytes(data);
    return data;
  }

  @Test
  void readsExactlyContentLengthBytesAcrossShortReads() throws IOException {
    byte[] data = random(344_394);
    Buffer body = CompleteBody.read(trickle(data), data.length, 1 << 20);
    assertArrayEquals(data, body.getBytes());
  }

  @Test
  void readsAnUnknownLengthToTheEndAcrossGrowth() throws IOException {
    byte[] data = random(300_001);
    Buffer body = CompleteBody.read(trickle(data), -1, 1 << 20);
    assertEquals(data.length, body.length());
    assertArrayEquals(data, body.getBytes());
  }

  /** The transport gives its connection back to the pool only when the body's end was seen. */
  @Test
  void aSizedAnswerIsReadToItsEnd() throws IOException {
    byte[] data = random(70_000);
    boolean[] sawEnd = {false};
    InputStream in = new ByteArrayInputStream(data) {
      @Override
      public synchronized int read() {
        int b = super.read();
        sawEnd[0] |= b < 0;
        return b;
      }

      @Override
      public synchronized int read(byte[] b, int off, int len) {
        int n = super.read(b, off, len);
        sawEnd[0] |= n < 0;
        return n;
      }
    };
    assertEquals(data.length, CompleteBody.read(in, data.length, 1 << 20).length());
    assertTrue(sawEnd[0]);
  }

  @Test
  void anAnswerLongerThanItsLengthFails() {
    byte[] data = random(1000);
    assertThrows(IOException.class, () -> CompleteBody.read(trickle(data), 999, 1 << 20));
  }

  @Test
  void emptyAnswers() throws IOException {
    assertEquals(0, CompleteBody.read(null, -1, 10).length());
    assertEquals(0, CompleteBody.read(trickle(new byte[0]), 0, 10).length());
    assertEquals(0, CompleteBody.read(trickle(new byte[0]), -1, 10).length());
  }

  @Test
  void anAnswerShorterThanItsLengthFails() {
    byte[] data = random(1000);
    assertThrows(EOFException.class, () -> CompleteBody.read(trickle(data), 2000, 1 << 20));
  }

  @Test
  void answersPastTheCapFailWithoutBeingHeld() throws IOException {
    byte[] data = random(200_000);
    assertThrows(CompleteBody.TooLarge.class, () -> CompleteBody.read(trickle(data), data.length, 100_000));
    assertThrows(CompleteBody.TooLarge.class, () -> CompleteBody.read(trickle(data), -1, 100_000));
    // exactly at the cap is fine, with or without a length
    byte[] atCap = Arrays.copyOf(data, 100_000);
    assertEquals(100_000, CompleteBody.read(trickle(atCap), -1, 100_000).length());
    assertEquals(100_000, CompleteBody.read(trickle(atCap), atCap.length, 100_000).length());
  }

  /** Progress sees every prefix it is told of intact, at least every PROGRESS_STEP bytes, in both framings. */
  @Test
  void progressIsToldOfTheBytesAsTheyArrive() throws IOException {
    byte[] data = random(300_001);
    for (long length : new long[] {data.length, -1}) {
      java.util.List<Integer> told = new java.util.ArrayList<>();
      Buffer body = CompleteBody.read(trickle(data), length, 1 << 20, (bytes, n) -> {
        assertArrayEquals(Arrays.copyOf(data, n), Arrays.copyOf(bytes, n));
        told.add(n);
      });
      assertArrayEquals(data, body.getBytes());
      assertTrue(told.size() >= data.length / (CompleteBody.PROGRESS_STEP + 5000), told.toString());
      for (int i = 1; i < told.size(); i++) {
        assertTrue(told.get(i) - told.get(i - 1) >= CompleteBody.PROGRESS_STEP, told.toString());
      }
      assertTrue(told.get(told.size() - 1) < data.length, "the caller reads the last bytes itself");
    }
  }
}
