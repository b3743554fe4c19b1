package dev.berth.engine.it.volumes;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.it.Cli;
import dev.berth.engine.it.TestEngine;
import java.util.concurrent.atomic.AtomicInteger;

/** Small helpers of the volume tests. */
final class Vol {

  private static final AtomicInteger SEQ = new AtomicInteger();

  private Vol() {}

  static String name(String prefix) {
    return prefix + "-" + ProcessHandle.current().pid() + "-" + SEQ.incrementAndGet();
  }

  static Cli.Result ok(TestEngine e, String... args) {
    Cli.Result r = e.docker(args);
    assertTrue(r.ok(), r::toString);
    return r;
  }

  static Cli.Result fails(TestEngine e, String... args) {
    Cli.Result r = e.docker(args);
    assertTrue(!r.ok(), () -> "expected a failure: " + r);
    return r;
  }

  static boolean volumeExists(TestEngine e, String name) {
    return e.docker("volume", "inspect", name).ok();
  }
}
