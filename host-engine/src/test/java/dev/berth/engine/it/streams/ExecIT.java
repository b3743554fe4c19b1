package dev.berth.engine.it.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.it.Cli;
import dev.berth.engine.it.TestEngine;
import dev.berth.engine.it.TestImages;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** `docker exec`: streams, TTY, env, user, workdir, exit codes and events, on Berth and dockerd. */
class ExecIT {

  private static String running(TestEngine engine) {
    Cli.Result r = engine.docker("run", "-d", "-e", "BASE=1", TestImages.busybox(engine), "sleep", "120");
    assertEquals(0, r.exit(), r.toString());
    return r.outTrim();
  }

  @ParameterizedTest
  @MethodSource("dev.berth.engine.it.Engines#all")
  void execStreamsAndExitCode(TestEngine engine) {
    String id = running(engine);
    Cli.Result r = engine.docker("exec", id, "sh", "-c", "echo out; echo err >&2; exit 5");
    assertEquals(5, r.exit(), r.toString());
    assertEquals("out\n", r.out());
    assertEquals("err\n", r.err());
    Cli.Result in = engine.dockerIn("abc\ndef\n", "exec", "-i", id, "cat");
    assertEquals(0, in.exit(), in.toString());
    assertEquals("abc\ndef\n", in.out());
    engine.docker("rm", "-f", id);
  }

  @ParameterizedTest
  @MethodSource("dev.berth.engine.it.Engines#all")
  void envUserAndWorkdir(TestEngine engine) {
    String id = running(engine);
    Cli.Result r =
        engine.docker("exec", "-e", "FOO=bar", "-e", "BASE=2", "-u", "berth", "-w", "/tmp", id, "sh", "-c", "echo $FOO $BASE; id -u; id -g; pwd");
    assertEquals(0, r.exit(), r.toString());
    assertEquals("bar 2\n1000\n1000\n/tmp\n", r.out(), r.toString());
    Cli.Result numeric = engine.docker("exec", "-u", "65534:50", id, "sh", "-c", "id -u; id -g; echo $BASE");
    assertEquals("65534\n50\n1\n", numeric.out(), numeric.toString());
    engine.docker("rm", "-f", id);
  }

  @ParameterizedTest
  @MethodSource("dev.berth.engine.it.Engines#all")
  void privilegedExecAsksForEveryCapability(TestEngine engine) throws Exception {
    String id = running(engine);
    int last = Integer.parseInt(java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/kernel/cap_last_cap")).strip());
    String all = Long.toHexString((1L << (last + 1)) - 1);
    String hostBounding = "";
    for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
      if (line.startsWith("CapBnd:")) {
        hostBounding = line.substring(7).strip().replaceFirst("^0+", "");
      }
    }
    Cli.Result plain = engine.docker("exec", id, "sh", "-c", "grep CapEff /proc/self/status");
    Cli.Result privileged = engine.docker("exec", "--privileged", id, "sh", "-c", "grep CapEff /proc/self/status");
    assertTrue(plain.outTrim().startsWith("CapEff:") && !plain.outTrim().endsWith(all), plain.toString());
    if (hostBounding.equals(all)) {
      assertTrue(privileged.outTrim().endsWith(all), privileged.toString());
    } else {
      // a host without every capability (as here: no CAP_SYS_RESOURCE) refuses, as with dockerd
      assertEquals(126, privileged.exit(), privileged.toString());
      assertEquals(
          "OCI runtime exec failed: exec failed: unable to start container process: unable to apply caps: operation not permitted: unknown",
          privileged.outTrim());
    }
    engine.docker("rm", "-f", id);
  }

  @ParameterizedTest
  @MethodSource("dev.berth.engine.it.Engines#all")
  void ttyExecUnderATerminal(TestEngine engine) {
    String id = running(engine);
    Cli.Result r = Pty.docker(engine, 21, 77, null, "exec -t " + id + " sh -c 'sleep 0.5; stty size; tty; echo $TERM; exit 3'");
    assertEquals(3, r.exit(), r.toString());
    assertTrue(r.out().contains("21 77\r"), r.toString());
    assertTrue(r.out().contains("/dev/pts/"), r.toString());
    assertTrue(r.out().contains("xterm"), r.toString());
    Cli.Result it = Pty.docker(engine, 24, 80, "echo in-$((1+1))\nexit 9\n", "exec -it " + id + " sh");
    assertEquals(9, it.exit(), it.toString());
    assertTrue(it.out().contains("in-2"), it.toString());
    engine.docker("rm", "-f", id);
  }

  @ParameterizedTest
  @MethodSource("dev.berth.engine.it.Engines#all")
  void detachedExecRuns(TestEngine engine) {
    String id = running(engine);
    Cli.Result d = engine.docker("exec", "-d", id, "sh", "-c", "echo made > /tmp/f");
    assertEquals(0, d.exit(), d.toString());
    String content = "";
    for (int i = 0; i < 50 && !content.equals("made\n"); i++) {
      content = engine.docker("exec", id, "cat", "/tmp/f").out();
    }
    assertEquals("made\n", content);
    engine.docker("rm", "-f", id);
  }

  @ParameterizedTest
  @MethodSource("dev.berth.engine.it.Engines#all")
  void execInAStoppedContainerFails(TestEngine engine) {
    String id = engine.docker("create", TestImages.busybox(engine), "true").outTrim();
    Cli.Result r = engine.docker("exec", id, "true");
    assertEquals(1, r.exit(), r.toString());
    assertTrue(r.err().contains("is not running"), r.toString());
    Cli.Result missing = engine.docker("exec", "no-such-ctr", "true");
    assertEquals(1, missing.exit());
    assertTrue(missing.err().contains("No such container: no-such-ctr"), missing.toString());
    engine.docker("rm", id);
  }

  @ParameterizedTest
  @MethodSource("dev.berth.engine.it.Engines#all")
  void unknownCommand(TestEngine engine) {
    String id = running(engine);
    Cli.Result r = engine.docker("exec", id, "no-such-command");
    // dockerd 20.10 (the reference here) answers 126, later ones 127
    assertEquals(126, r.exit(), r.toString());
    assertEquals(
        "OCI runtime exec failed: exec failed: unable to start container process: exec: \"no-such-command\": "
            + "executable file not found in $PATH: unknown",
        r.outTrim(),
        r.toString());
    engine.docker("rm", "-f", id);
  }

  @ParameterizedTest
  @MethodSource("dev.berth.engine.it.Engines#all")
  void execEvents(TestEngine engine) {
    String id = running(engine);
    long since = System.currentTimeMillis() / 1000 - 1;
    engine.docker("exec", id, "sh", "-c", "exit 4");
    long until = System.currentTimeMillis() / 1000 + 1;
    Cli.Result ev =
        engine.docker(
            "events", "--since", Long.toString(since), "--until", Long.toString(until),
            "--filter", "container=" + id, "--format", "{{.Action}}|{{index .Actor.Attributes \"exitCode\"}}");
    List<String> exec = List.of(ev.out().strip().split("\n")).stream().filter(l -> l.startsWith("exec_")).toList();
    assertEquals(List.of("exec_create: sh -c exit 4|", "exec_start: sh -c exit 4|", "exec_die|4"), exec, ev.toString());
    engine.docker("rm", "-f", id);
  }

  @ParameterizedTest
  @MethodSource("dev.berth.engine.it.Engines#all")
  void apiErrors(TestEngine engine) {
    String id = running(engine);
    assertEquals("404 {\"message\":\"No such exec instance: nope\"}", Api.request(engine, "GET", "/exec/nope/json"));
    Cli.Result start =
        Cli.run(
            "curl", "-s", "-w", " %{http_code}", "--unix-socket", engine.socket().toString(), "-H", "Content-Type: application/json",
            "-d", "{}", "http://e/exec/nope/start");
    assertTrue(start.out().endsWith(" 404"), start.toString());
    Cli.Result noCmd =
        Cli.run(
            "curl", "-s", "-w", " %{http_code}", "--unix-socket", engine.socket().toString(), "-H", "Content-Type: application/json",
            "-d", "{\"Cmd\":[]}", "http://e/containers/" + id + "/exec");
    assertEquals("{\"message\":\"No exec command specified\"}\n 400", noCmd.out(), noCmd.toString());
    engine.docker("rm", "-f", id);
  }
}
