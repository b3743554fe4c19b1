package dev.berth.engine.streams;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.errors.EngineException;
import org.junit.jupiter.api.Test;

class DetachKeysTest {

  @Test
  void defaultSequenceDetaches() {
    DetachKeys keys = DetachKeys.parse(null);
    DetachKeys.Scan scan = keys.scan(new byte[] {'a', 16, 17});
    assertTrue(scan.detach());
    assertArrayEquals(new byte[] {'a'}, scan.forward());
  }

  @Test
  void sequenceSplitAcrossReadsDetaches() {
    DetachKeys keys = DetachKeys.parse("ctrl-p,ctrl-q");
    DetachKeys.Scan first = keys.scan(new byte[] {16});
    assertFalse(first.detach());
    assertEquals(0, first.forward().length, "a possible prefix is held back");
    assertTrue(keys.scan(new byte[] {17}).detach());
  }

  @Test
  void brokenPrefixIsReleased() {
    DetachKeys keys = DetachKeys.parse(null);
    keys.scan(new byte[] {16});
    DetachKeys.Scan scan = keys.scan(new byte[] {'x'});
    assertFalse(scan.detach());
    assertArrayEquals(new byte[] {16, 'x'}, scan.forward());
  }

  @Test
  void repeatedFirstKeyStillMatches() {
    DetachKeys keys = DetachKeys.parse(null);
    DetachKeys.Scan scan = keys.scan(new byte[] {16, 16, 17});
    assertTrue(scan.detach());
    assertArrayEquals(new byte[] {16}, scan.forward());
  }

  @Test
  void customKeysAndLetters() {
    DetachKeys keys = DetachKeys.parse("ctrl-a,x,DEL");
    assertTrue(keys.scan(new byte[] {1, 'x', 127}).detach());
    assertTrue(DetachKeys.parse("ctrl-@").scan(new byte[] {0}).detach());
    assertTrue(DetachKeys.parse("ctrl-\\").scan(new byte[] {28}).detach());
  }

  @Test
  void ordinaryInputPassesThrough() {
    DetachKeys keys = DetachKeys.parse(null);
    DetachKeys.Scan scan = keys.scan("hello\n".getBytes());
    assertFalse(scan.detach());
    assertArrayEquals("hello\n".getBytes(), scan.forward());
  }

  @Test
  void unknownKeysAreA400() {
    EngineException e = assertThrows(EngineException.class, () -> DetachKeys.parse("ctrl-1"));
    assertEquals(400, e.kind().status);
    assertEquals("Invalid detach keys (ctrl-1) provided", e.getMessage());
    assertThrows(EngineException.class, () -> DetachKeys.parse("foo"));
    assertThrows(EngineException.class, () -> DetachKeys.parse("a,,b"));
  }
}
