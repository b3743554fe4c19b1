package dev.berth.engine.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LogOptionsTest {

  @Test
  void tailLikeDockerd() {
    assertEquals(-1, LogOptions.tail(null));
    assertEquals(-1, LogOptions.tail("all"));
    assertEquals(-1, LogOptions.tail("nonsense"));
    assertEquals(-1, LogOptions.tail("-4"));
    assertEquals(0, LogOptions.tail("0"));
    assertEquals(12, LogOptions.tail("12"));
  }
}
