package dev.berth.engine.it.containers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.it.Cli;
import dev.berth.engine.it.TestEngine;
import dev.berth.engine.it.TestImages;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** Small helpers shared by the container integration tests. */
final class Ctr {

  private static final AtomicInteger SEQ = new AtomicInteger();

  private Ctr() {}

  /** A name unique in this JVM, so tests never collide. */
  static String name(String prefix) {
    return prefix + "-" + ProcessHandle.current().pid() + "-" + SEQ.incrementAndGet();
  }

  static String image(TestEngine e) {
    return TestImages.busybox(e);
  }

  static Cli.Result ok(TestEngine e, String... args) {
    Cli.Result r = e.docker(args);
    assertTrue(r.ok(), r::toString);
    return r;
  }

  static String inspect(TestEngine e, String ref, String format) {
    return ok(e, "inspect", "--format", format, ref).outTrim();
  }

  /** Runs a detached container and returns its id. */
  static String runDetached(TestEngine e, String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "run";
    all[1] = "-d";
    System.arraycopy(args, 0, all, 2, args.length);
    return ok(e, all).outTrim();
  }

  /** Runs a container to completion and returns its exit code (the shell test's verdict). */
  static int exitCodeOf(TestEngine e, String... runArgs) {
    String id = runDetached(e, runArgs);
    String code = ok(e, "wait", id).outTrim();
    e.docker("rm", "-f", id);
    return Integer.parseInt(code);
  }

  /** `docker run -d` whose start fails: the CLI's exit code (125/126/127). */
  static int exitCodeOfFailedStart(TestEngine e, String... runArgs) {
    String name = name("fail");
    String[] all = new String[runArgs.length + 4];
    all[0] = "run";
    all[1] = "-d";
    all[2] = "--name";
    all[3] = name;
    System.arraycopy(runArgs, 0, all, 4, runArgs.length);
    Cli.Result r = e.docker(all);
    e.docker("rm", "-f", name);
    return r.exit();
  }

  static void eventually(String what, Supplier<Boolean> condition) {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (condition.get()) {
        return;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    throw new AssertionError("timed out waiting for " + what);
  }

  /** A raw API call over the engine's socket: "<body> <status>". */
  static Cli.Result curl(TestEngine e, String method, String path, String body) {
    return body == null
        ? Cli.run("curl", "-s", "-X", method, "-w", " %{http_code}", "--unix-socket", e.socket().toString(), "http://x" + path)
        : Cli.run(
            "curl", "-s", "-X", method, "-w", " %{http_code}", "-H", "Content-Type: application/json", "--data-binary", body,
            "--unix-socket", e.socket().toString(), "http://x" + path);
  }
}
