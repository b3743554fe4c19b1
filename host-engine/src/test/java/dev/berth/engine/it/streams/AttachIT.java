package dev.berth.engine.it.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.it.Cli;
import dev.berth.engine.it.TestEngine;
import dev.berth.engine.it.TestImages;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** `docker attach` and TTY resize, on Berth and dockerd. */
class AttachIT {

  @ParameterizedTest
  @MethodSource("dev.berth.engine.it.Engines#all")
  void attachToARunningContainerStreamsUntilItExits(TestEngine engine) {
    String img = TestImages.busybox(engine);
    String id =
        engine.docker("run", "-d", img, "sh", "-c", "sleep 1; for i in $(seq 1 10); do echo line$i; echo e$i >&2; sleep 0.1; done; exit 7")
            .outTrim();
    Cli.Result r = engine.docker("attach", id);
    assertEquals(7, r.exit(), r.toString());
    assertTrue(r.out().endsWith("line9\nline10\n"), r.toString());
    assertTrue(r.err().endsWith("e10\n"), r.toString());
    engine.docker("rm", id);
  }

  @ParameterizedTest
  @MethodSource("dev.berth.engine.it.Engines#all")
  void attachedStdinReachesARunningContainer(TestEngine engine) {
    String img = TestImages.busybox(engine);
    String id =
        engine.docker("run", "-d", "-i", img, "sh", "-c", "while read l; do echo got:$l; [ \"$l\" = quit ] && exit 3; done")
            .outTrim();
    Cli.Result r = engine.dockerIn("a\nquit\n", "attach", id);
    // the exit code is the container's: it read our input. (Its echo may miss the attach: without
    // StdinOnce, dockerd ends the output streams when the client's stdin ends.)
    assertEquals(3, r.exit(), r.toString());
    assertEquals("got:a\ngot:quit\n", engine.docker("logs", id).out());
    engine.docker("rm", "-f", id);
  }

  /**
   * A client that half-closes (its stdin ended) and is then killed leaves a socket epoll reports
   * as hung up: the engine must close it, not wake for it again and again. Without that, Berth's
   * event loop spun a whole core for as long as the container stayed quiet.
   */
  @ParameterizedTest
  @MethodSource("dev.berth.engine.it.Engines#all")
  void aClientKilledAfterItsStdinEndedLeavesTheEngineIdle(TestEngine engine) throws Exception {
    String img = TestImages.busybox(engine);
    String id = engine.docker("run", "-d", img, "sleep", "1000").outTrim();
    ProcessBuilder pb = new ProcessBuilder(Cli.DOCKER, "attach", id)
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.environment().putAll(engine.cliEnv());
    Process attach = pb.start();
    Thread.sleep(1500); // attached, and its stdin's EOF sent
    assertTrue(attach.isAlive(), "docker attach of a quiet container ended by itself");
    attach.destroyForcibly().waitFor();
    Thread.sleep(1500); // the engine notices within a second
    java.time.Duration before = engine.cpuTime();
    Thread.sleep(3000);
    java.time.Duration used = engine.cpuTime().minus(before);
    assertTrue(used.compareTo(java.time.Duration.ofMillis(1000)) < 0,
        "the idle engine used " + used.toMillis() + " ms of CPU in 3 s after the client was killed");
    engine.docker("rm", "-f", id);
  }

  @ParameterizedTest
  @MethodSource("dev.berth.engine.it.Engines#all")
  void attachToAStoppedContainerFails(TestEngine engine) {
    String img = TestImages.busybox(engine);
    String id = engine.docker("run", "-d", img, "true").outTrim();
    engine.docker("wait", id);
    Cli.Result r = engine.docker("attach", id);
    assertEquals(1, r.exit(), r.toString());
    assertTrue(r.err().contains("You cannot attach to a stopped container, start it first"), r.toString());
    Cli.Result missing = engine.docker("attach", "no-such-ctr");
    assertEquals(1, missing.exit());
    assertTrue(missing.err().contains("No such container: no-such-ctr"), missing.toString());
    engine.docker("rm", id);
  }

  @ParameterizedTest
  @MethodSource("dev.berth.engine.it.Engines#all")
  void startAttachedGetsAllOutput(TestEngine engine) {
    String img = TestImages.busybox(engine);
    String id = engine.docker("create", img, "sh", "-c", "echo first; echo second >&2; exit 2").outTrim();
    long since = System.currentTimeMillis() / 1000 - 1;
    Cli.Result r = engine.docker("start", "-a", id);
    assertEquals(2, r.exit(), r.toString());
    assertEquals("first\n", r.out());
    assertEquals("second\n", r.err());
    Cli.Result ev =
        engine.docker(
            "events", "--since", Long.toString(since), "--until", Long.toString(System.currentTimeMillis() / 1000 + 1),
            "--filter", "container=" + id, "--filter", "event=attach", "--format", "{{.Action}} {{.Actor.Attributes.name}}");
    assertEquals(1, ev.out().strip().split("\n").length, ev.toString());
    assertTrue(ev.out().startsWith("attach "), ev.toString());
    engine.docker("rm", id);
  }

  @ParameterizedTest
  @MethodSource("dev.berth.engine.it.Engines#all")
  void attachWithoutUpgradeIsAPlainStream(TestEngine engine) {
    String img = TestImages.busybox(engine);
    String id = engine.docker("run", "-d", img, "sh", "-c", "sleep 1; echo hello; echo oops >&2").outTrim();
    Cli.Result r =
        Cli.run(
            "curl", "-s", "-i", "--output", "-", "--unix-socket", engine.socket().toString(), "-X", "POST",
            "http://e/v1.41/containers/" + id + "/attach?stream=1&stdout=1&stderr=1");
    assertTrue(r.out().startsWith("HTTP/1.1 200"), r.toString());
    assertTrue(r.out().toLowerCase().contains("content-type: application/vnd.docker.raw-stream"), r.toString());
    assertTrue(r.out().contains("\u0001\u0000\u0000\u0000\u0000\u0000\u0000\u0006hello\n"), r.toString());
    assertTrue(r.out().contains("\u0002\u0000\u0000\u0000\u0000\u0000\u0000\u0005oops\n"), r.toString());
    engine.docker("rm", "-f", id);
  }

  @ParameterizedTest
  @MethodSource("dev.berth.engine.it.Engines#all")
  void attachWithLogsReplaysTheHistory(TestEngine engine) {
    String img = TestImages.busybox(engine);
    String id = engine.docker("run", "-d", img, "sh", "-c", "echo past; echo gone >&2").outTrim();
    engine.docker("wait", id);
    Cli.Result r =
        Cli.run(
            "curl", "-s", "--output", "-", "--unix-socket", engine.socket().toString(), "-X", "POST",
            "http://e/v1.41/containers/" + id + "/attach?logs=1&stream=0&stdout=1&stderr=1");
    // one frame per line; the order across the two streams is not kept by dockerd's log
    String past = "\u0001\u0000\u0000\u0000\u0000\u0000\u0000\u0005past\n";
    String gone = "\u0002\u0000\u0000\u0000\u0000\u0000\u0000\u0005gone\n";
    assertTrue(r.out().equals(past + gone) || r.out().equals(gone + past), r.toString());
    engine.docker("rm", id);
  }

  @ParameterizedTest
  @MethodSource("dev.berth.engine.it.Engines#all")
  void resizeChangesTheContainersTerminal(TestEngine engine) {
    String img = TestImages.busybox(engine);
    String id = engine.docker("run", "-d", "-t", img, "sh", "-c", "sleep 60").outTrim();
    assertEquals("200", Api.request(engine, "POST", "/containers/" + id + "/resize?h=31&w=97").strip());
    Cli.Result size = engine.docker("exec", id, "stty", "size", "-F", "/dev/console");
    assertEquals("31 97", size.outTrim(), size.toString());
    assertTrue(Api.request(engine, "POST", "/containers/" + id + "/resize?h=x&w=97").startsWith("400 "));
    assertTrue(Api.request(engine, "POST", "/containers/no-such-ctr/resize?h=1&w=1").startsWith("404 "));
    engine.docker("rm", "-f", id);
    String stopped = engine.docker("create", "-t", img, "true").outTrim();
    String conflict = Api.request(engine, "POST", "/containers/" + stopped + "/resize?h=10&w=10");
    assertTrue(conflict.startsWith("409 ") && conflict.contains("is not running"), conflict);
    engine.docker("rm", stopped);
  }

  @ParameterizedTest
  @MethodSource("dev.berth.engine.it.Engines#all")
  void detachKeysLeaveTheContainerRunning(TestEngine engine) {
    String img = TestImages.busybox(engine);
    String id = engine.docker("run", "-d", "-it", img, "sh").outTrim();
    // ctrl-p ctrl-q typed at the terminal
    long start = System.nanoTime();
    Cli.Result r = Pty.typeLater(engine, 1.5, "\\020\\021", "attach " + id);
    long seconds = (System.nanoTime() - start) / 1_000_000_000L;
    // the CLI reports a detach with exit code 1, as with dockerd
    assertEquals(1, r.exit(), r.toString());
    assertTrue(r.out().contains("read escape sequence"), r.toString());
    assertTrue(seconds < 30, "detached, not stopped by the timeout: " + seconds + " s");
    assertEquals("true", engine.docker("inspect", "-f", "{{.State.Running}}", id).outTrim());
    engine.docker("rm", "-f", id);
  }
}
