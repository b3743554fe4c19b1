package dev.berth.engine.it.lifecycle;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.it.Cli;
import dev.berth.engine.it.TestEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** Helpers for the lifecycle, stats and health integration tests. */
public final class Life {

  private static final AtomicInteger SEQ = new AtomicInteger();

  private Life() {}

  /** A container name unique in this JVM. */
  public static String name(String prefix) {
    return prefix + "-" + ProcessHandle.current().pid() + "-" + SEQ.incrementAndGet();
  }

  public static Cli.Result ok(TestEngine e, String... args) {
    Cli.Result r = e.docker(args);
    assertTrue(r.ok(), r::toString);
    return r;
  }

  public static String inspect(TestEngine e, String ref, String format) {
    return ok(e, "inspect", "--format", format, ref).outTrim();
  }

  /** Polls until the condition holds; fails after the timeout. */
  public static void eventually(String what, Duration timeout, Supplier<Boolean> condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.get()) {
        return;
      }
      sleep(100);
    }
    throw new AssertionError("timed out waiting for " + what);
  }

  public static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * A cgroup v1 file of a running container's controller, found from the host through
   * /proc/PID/cgroup (so it works for dockerd's and Berth's cgroup layouts alike).
   */
  public static String cgroupFile(TestEngine e, String ref, String controller, String file) throws IOException {
    String pid = inspect(e, ref, "{{.State.Pid}}");
    for (String line : Files.readAllLines(Path.of("/proc", pid, "cgroup"))) {
      String[] parts = line.split(":", 3);
      for (String c : parts[1].split(",")) {
        if (c.equals(controller)) {
          return Files.readString(Path.of("/sys/fs/cgroup", controller, parts[2], file)).strip();
        }
      }
    }
    throw new AssertionError("no " + controller + " cgroup for " + ref);
  }

  /** The engine's events for one container between a start time and now, one per line. */
  public static String events(TestEngine e, String since, String ref) {
    return ok(
            e, "events", "--since", since, "--until", Long.toString(System.currentTimeMillis() / 1000 + 1),
            "--filter", "container=" + ref, "--format", "{{.Action}}")
        .out();
  }
}
