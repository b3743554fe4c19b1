package dev.berth.engine.it.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.it.Cli;
import dev.berth.engine.it.TestEngine;
import dev.berth.engine.it.TestImages;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** `docker run` in the foreground: output, stdin, TTY and exit codes, on Berth and dockerd. */
class RunStreamsIT {

  @ParameterizedTest
  @MethodSource("dev.berth.engine.it.Engines#all")
  void foregroundOutputSeparatesStreamsAndKeepsTheExitCode(TestEngine engine) {
    String img = TestImages.busybox(engine);
    Cli.Result r = engine.docker("run", "--rm", img, "sh", "-c", "echo out; echo err >&2; echo out2; exit 3");
    assertEquals(3, r.exit(), r.toString());
    assertEquals("out\nout2\n", r.out(), r.toString());
    assertEquals("err\n", r.err(), r.toString());
  }

  @ParameterizedTest
  @MethodSource("dev.berth.engine.it.Engines#all")
  void pipedStdinReachesTheContainerAndItsEndClosesIt(TestEngine engine) {
    String img = TestImages.busybox(engine);
    Cli.Result r = engine.dockerIn("hi\nthere\n", "run", "--rm", "-i", img, "cat");
    assertEquals(0, r.exit(), r.toString());
    assertEquals("hi\nthere\n", r.out(), r.toString());
    Cli.Result wc = engine.dockerIn("a\nb\nc\n", "run", "--rm", "-i", img, "sh", "-c", "wc -l; echo after-eof >&2");
    assertEquals(0, wc.exit(), wc.toString());
    assertEquals("3", wc.out().strip(), wc.toString());
    assertEquals("after-eof\n", wc.err(), wc.toString());
  }

  @ParameterizedTest
  @MethodSource("dev.berth.engine.it.Engines#all")
  void largeOutputArrivesWhole(TestEngine engine) {
    String img = TestImages.busybox(engine);
    Cli.Result r = engine.docker("run", "--rm", img, "sh", "-c", "seq 1 20000");
    assertEquals(0, r.exit());
    String[] lines = r.out().split("\n");
    assertEquals(20000, lines.length);
    assertEquals("20000", lines[19999]);
  }

  @ParameterizedTest
  @MethodSource("dev.berth.engine.it.Engines#all")
  void ttyGetsTheTerminalsSize(TestEngine engine) {
    String img = TestImages.busybox(engine);
    Cli.Result r = Pty.docker(engine, 33, 101, null, "run --rm -t " + img + " sh -c 'sleep 0.5; stty size; tty; exit 4'");
    assertEquals(4, r.exit(), r.toString());
    // the CLI resizes right after start: the sleep lets that land first
    assertTrue(r.out().contains("33 101\r"), r.toString());
    assertTrue(r.out().contains("/dev/"), r.toString());
  }

  @ParameterizedTest
  @MethodSource("dev.berth.engine.it.Engines#all")
  void interactiveTtyEchoesInput(TestEngine engine) {
    String img = TestImages.busybox(engine);
    Cli.Result r = Pty.docker(engine, 24, 80, "echo typed-$((40+2))\nexit 6\n", "run --rm -it " + img + " sh");
    assertEquals(6, r.exit(), r.toString());
    assertTrue(r.out().contains("typed-42"), r.toString());
  }
}
