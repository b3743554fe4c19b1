package dev.berth.engine.it.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.it.Cli;
import dev.berth.engine.it.TestEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Helpers of the integration suites (robustness, lifecycle, health, stats, events): unique names,
 * CLI shortcuts, polling, cgroup files and "nothing changed" snapshots.
 */
public final class Checks {

  private static final AtomicInteger SEQ = new AtomicInteger();

  private Checks() {}

  /** A name unique on this machine and in this JVM. */
  public static String unique(String prefix) {
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

  /** Polls every 50 ms, for at most the given seconds. */
  public static void eventually(String what, int seconds, BooleanSupplier condition) {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return;
      }
      sleep(50);
    }
    throw new AssertionError("timed out waiting for " + what);
  }

  public static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException ex) {
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

  /** The engine's events for one container between a start time and now, one action per line. */
  public static String events(TestEngine e, String since, String ref) {
    return ok(
            e, "events", "--since", since, "--until", Long.toString(System.currentTimeMillis() / 1000 + 1),
            "--filter", "container=" + ref, "--format", "{{.Action}}")
        .out();
  }

  /** A raw API call over the engine's socket; stdout is "<body> <status>". */
  public static Cli.Result curl(TestEngine e, String method, String path, String body) {
    return body == null
        ? Cli.run("curl", "-g", "-s", "-X", method, "-w", " %{http_code}", "--unix-socket", e.socket().toString(), "http://x" + path)
        : Cli.run(
            "curl", "-g", "-s", "-X", method, "-w", " %{http_code}", "-H", "Content-Type: application/json", "--data-binary", body,
            "--unix-socket", e.socket().toString(), "http://x" + path);
  }

  /** The HTTP status that {@link #curl} appended. */
  public static int status(Cli.Result curl) {
    String out = curl.out();
    return Integer.parseInt(out.substring(out.lastIndexOf(' ') + 1).strip());
  }

  /**
   * What an operation must not change when it fails: every container (id, name, state) and the
   * mounts under the engine's roots.
   */
  public record Snapshot(List<String> containers, List<String> mounts) {

    public static Snapshot of(TestEngine e) {
      List<String> containers =
          ok(e, "ps", "-a", "--no-trunc", "--format", "{{.ID}} {{.Names}} {{.State}}").out().lines().sorted().toList();
      return new Snapshot(containers, mountsUnder(e.dataRoot().getParent()));
    }

    /** Asserts that the engine looks exactly as it did when this snapshot was taken. */
    public void assertUnchanged(TestEngine e, String after) {
      Snapshot now = of(e);
      assertEquals(containers, now.containers, "containers changed after " + after);
      assertEquals(mounts, now.mounts, "mounts under the engine's roots changed after " + after);
    }
  }

  /** Mount points under a directory, from /proc/self/mountinfo (the engines share our namespace). */
  public static List<String> mountsUnder(Path dir) {
    try {
      return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
          .map(l -> l.split(" ")[4])
          .filter(m -> m.startsWith(dir + "/"))
          .sorted()
          .toList();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }
}
