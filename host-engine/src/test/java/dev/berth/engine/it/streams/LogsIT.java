package dev.berth.engine.it.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.it.Cli;
import dev.berth.engine.it.TestEngine;
import dev.berth.engine.it.TestImages;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** `docker logs` with its options, on Berth and dockerd. */
class LogsIT {

  private static final Pattern STAMPED = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z (.*)");

  private static String runDetached(TestEngine engine, String script) {
    Cli.Result r = engine.docker("run", "-d", TestImages.busybox(engine), "sh", "-c", script);
    assertEquals(0, r.exit(), r.toString());
    return r.outTrim();
  }

  private static void waitExit(TestEngine engine, String id) {
    Cli.Result w = engine.docker("wait", id);
    assertEquals(0, w.exit(), w.toString());
  }

  @ParameterizedTest
  @MethodSource("dev.berth.engine.it.Engines#all")
  void logsKeepStdoutAndStderrApart(TestEngine engine) {
    String id = runDetached(engine, "echo a; echo b >&2; echo c; printf 'no newline'");
    waitExit(engine, id);
    Cli.Result r = engine.docker("logs", id);
    assertEquals(0, r.exit(), r.toString());
    assertEquals("a\nc\nno newline", r.out(), r.toString());
    assertEquals("b\n", r.err(), r.toString());
    engine.docker("rm", id);
  }

  @ParameterizedTest
  @MethodSource("dev.berth.engine.it.Engines#all")
  void tailAndTimestamps(TestEngine engine) {
    // the pause keeps the order across streams: dockerd copies stdout and stderr separately
    String id = runDetached(engine, "for i in 1 2 3 4 5; do echo line$i; done; sleep 0.3; echo err >&2");
    waitExit(engine, id);
    Cli.Result tail = engine.docker("logs", "--tail", "2", id);
    assertEquals("line5\n", tail.out(), tail.toString());
    assertEquals("err\n", tail.err(), tail.toString());
    assertEquals("", engine.docker("logs", "--tail", "0", id).out());
    Cli.Result stamped = engine.docker("logs", "-t", "--tail", "3", id);
    String[] lines = stamped.out().split("\n");
    assertEquals(2, lines.length, stamped.toString());
    var m = STAMPED.matcher(lines[1]);
    assertTrue(m.matches(), stamped.toString());
    assertEquals("line5", m.group(1));
    engine.docker("rm", id);
  }

  @ParameterizedTest
  @MethodSource("dev.berth.engine.it.Engines#all")
  void sinceAndUntil(TestEngine engine) {
    String id = runDetached(engine, "echo early; sleep 1.5; echo late");
    waitExit(engine, id);
    String[] stamped = engine.docker("logs", "-t", id).out().split("\n");
    assertEquals(2, stamped.length);
    String earlyTime = stamped[0].substring(0, stamped[0].indexOf(' '));
    String lateTime = stamped[1].substring(0, stamped[1].indexOf(' '));
    assertEquals("late\n", engine.docker("logs", "--since", lateTime, id).out());
    assertEquals("early\n", engine.docker("logs", "--until", earlyTime, id).out());
    assertEquals("early\nlate\n", engine.docker("logs", "--since", earlyTime, id).out());
    assertEquals("early\nlate\n", engine.docker("logs", "--since", "10m", id).out(), "relative since");
    engine.docker("rm", id);
  }

  @ParameterizedTest
  @MethodSource("dev.berth.engine.it.Engines#all")
  void followStreamsUntilTheContainerExits(TestEngine engine) {
    String id = runDetached(engine, "for i in 1 2 3 4; do echo n$i; sleep 0.4; done; echo bye >&2");
    long start = System.nanoTime();
    Cli.Result r = engine.docker("logs", "-f", id);
    long ms = (System.nanoTime() - start) / 1_000_000;
    assertEquals(0, r.exit(), r.toString());
    assertEquals("n1\nn2\nn3\nn4\n", r.out(), r.toString());
    assertEquals("bye\n", r.err(), r.toString());
    assertTrue(ms > 700, "followed while the container ran: " + ms + " ms");
    Cli.Result tailFollow = engine.docker("logs", "-f", "--tail", "1", id);
    assertEquals("", tailFollow.out(), "on a stopped container -f ends after the tail");
    assertEquals("bye\n", tailFollow.err());
    engine.docker("rm", id);
  }

  @ParameterizedTest
  @MethodSource("dev.berth.engine.it.Engines#all")
  void ttyLogsAreRaw(TestEngine engine) {
    Cli.Result run = engine.docker("run", "-d", "-t", TestImages.busybox(engine), "sh", "-c", "echo tty-out; echo tty-err >&2");
    String id = run.outTrim();
    waitExit(engine, id);
    Cli.Result r = engine.docker("logs", id);
    assertEquals("tty-out\r\ntty-err\r\n", r.out(), r.toString());
    assertEquals("", r.err());
    engine.docker("rm", id);
  }

  @ParameterizedTest
  @MethodSource("dev.berth.engine.it.Engines#all")
  void badRequests(TestEngine engine) {
    Cli.Result r = engine.docker("logs", "no-such-ctr");
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("No such container: no-such-ctr"), r.toString());
    String id = runDetached(engine, "true");
    waitExit(engine, id);
    assertEquals(
        "400 {\"message\":\"Bad parameters: you must choose at least one stream\"}",
        Api.request(engine, "GET", "/containers/" + id + "/logs"));
    engine.docker("rm", id);
  }
}
