package dev.berth.engine.it.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.it.Cli;
import dev.berth.engine.it.TestEngine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** create/start/stop/kill/restart/pause/unpause/rename/wait/rm, driven by the docker CLI. */
class ContainerLifecycleIT {

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void createStartStopRemove(TestEngine e) {
    String n = Ctr.name("life");
    Ctr.ok(e, "create", "--name", n, Ctr.image(e), "sleep", "100");
    assertEquals("created false 0", Ctr.inspect(e, n, "{{.State.Status}} {{.State.Running}} {{.State.Pid}}"));
    Ctr.ok(e, "start", n);
    assertEquals("running true", Ctr.inspect(e, n, "{{.State.Status}} {{.State.Running}}"));
    assertNotEquals("0", Ctr.inspect(e, n, "{{.State.Pid}}"));
    Ctr.ok(e, "start", n); // already started: 304, which the CLI accepts silently
    // sleep as pid 1 ignores SIGTERM: the stop escalates to SIGKILL after the timeout
    Ctr.ok(e, "stop", "-t", "1", n);
    assertEquals("exited false 137", Ctr.inspect(e, n, "{{.State.Status}} {{.State.Running}} {{.State.ExitCode}}"));
    assertFalse(Ctr.inspect(e, n, "{{.State.FinishedAt}}").startsWith("0001"));
    Ctr.ok(e, "stop", n); // already stopped: 304
    Ctr.ok(e, "rm", n);
    Cli.Result gone = e.docker("inspect", n);
    assertEquals(1, gone.exit(), gone::toString);
    assertTrue(gone.err().contains("No such object") || gone.err().contains("No such container"), gone::toString);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void stopSendsStopSignalFirst(TestEngine e) {
    String n = Ctr.name("stopsig");
    Ctr.runDetached(e, "--name", n, "--stop-signal", "USR1", Ctr.image(e),
        "sh", "-c", "trap 'exit 42' USR1; while true; do sleep 0.1; done");
    Ctr.ok(e, "stop", "-t", "10", n);
    assertEquals("42", Ctr.inspect(e, n, "{{.State.ExitCode}}"));
    e.docker("rm", "-f", n);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void killWithSignalAndNotRunning(TestEngine e) {
    String n = Ctr.name("kill");
    Ctr.runDetached(e, "--name", n, Ctr.image(e), "sh", "-c", "trap 'exit 42' HUP; while true; do sleep 0.1; done");
    Ctr.ok(e, "kill", "-s", "HUP", n);
    assertEquals("42", Ctr.ok(e, "wait", n).outTrim());
    Cli.Result again = e.docker("kill", n);
    assertEquals(1, again.exit(), again::toString);
    assertTrue(again.err().contains("is not running"), again::toString);
    Cli.Result bad = e.docker("kill", "-s", "NOPE", n);
    assertEquals(1, bad.exit(), bad::toString);
    Ctr.ok(e, "rm", n);

    String k = Ctr.name("kill9");
    Ctr.runDetached(e, "--name", k, Ctr.image(e), "sleep", "100");
    Ctr.ok(e, "kill", k);
    assertEquals("exited 137", Ctr.inspect(e, k, "{{.State.Status}} {{.State.ExitCode}}"));
    Ctr.ok(e, "rm", k);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void pauseAndUnpause(TestEngine e) {
    String n = Ctr.name("pause");
    Ctr.runDetached(e, "--name", n, Ctr.image(e), "sleep", "100");
    Ctr.ok(e, "pause", n);
    assertEquals("paused true true", Ctr.inspect(e, n, "{{.State.Status}} {{.State.Running}} {{.State.Paused}}"));
    assertTrue(Ctr.ok(e, "ps", "--filter", "name=" + n, "--format", "{{.Status}}").outTrim().endsWith("(Paused)"));
    Cli.Result twice = e.docker("pause", n);
    assertEquals(1, twice.exit(), twice::toString);
    assertTrue(twice.err().contains("is already paused"), twice::toString);
    Ctr.ok(e, "unpause", n);
    assertEquals("running false", Ctr.inspect(e, n, "{{.State.Status}} {{.State.Paused}}"));
    Cli.Result notPaused = e.docker("unpause", n);
    assertEquals(1, notPaused.exit(), notPaused::toString);
    assertTrue(notPaused.err().contains("is not paused"), notPaused::toString);
    Ctr.ok(e, "rm", "-f", n);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void restartStartsAgain(TestEngine e) {
    String n = Ctr.name("restart");
    Ctr.runDetached(e, "--name", n, Ctr.image(e), "sleep", "100");
    String pid = Ctr.inspect(e, n, "{{.State.Pid}}");
    Ctr.ok(e, "restart", "-t", "0", n);
    assertEquals("running", Ctr.inspect(e, n, "{{.State.Status}}"));
    assertNotEquals(pid, Ctr.inspect(e, n, "{{.State.Pid}}"));
    Ctr.ok(e, "stop", "-t", "0", n);
    Ctr.ok(e, "restart", n); // a stopped container just starts
    assertEquals("running", Ctr.inspect(e, n, "{{.State.Status}}"));
    Ctr.ok(e, "rm", "-f", n);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void renameKeepsNamesUnique(TestEngine e) {
    String a = Ctr.name("ren-a");
    String b = Ctr.name("ren-b");
    String other = Ctr.name("ren-o");
    String id = Ctr.ok(e, "create", "--name", a, Ctr.image(e), "true").outTrim();
    Ctr.ok(e, "create", "--name", other, Ctr.image(e), "true");
    Ctr.ok(e, "rename", a, b);
    assertEquals("/" + b, Ctr.inspect(e, id, "{{.Name}}"));
    Cli.Result taken = e.docker("rename", b, other);
    assertEquals(1, taken.exit(), taken::toString);
    assertTrue(taken.err().contains("Conflict. The container name \"/" + other + "\" is already in use by container"), taken::toString);
    Cli.Result invalid = e.docker("rename", b, "b@d");
    assertEquals(1, invalid.exit(), invalid::toString);
    assertTrue(
        invalid.err().contains("Error when allocating new name: Invalid container name (/b@d), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed"),
        invalid::toString);
    Ctr.ok(e, "create", "--name", a, Ctr.image(e), "true"); // the old name is free again
    Ctr.ok(e, "rm", a, b, other);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void waitReturnsTheExitCode(TestEngine e) {
    String n = Ctr.name("wait");
    Ctr.runDetached(e, "--name", n, Ctr.image(e), "sh", "-c", "sleep 1; exit 5");
    assertEquals("5", Ctr.ok(e, "wait", n).outTrim());
    assertEquals("5", Ctr.ok(e, "wait", n).outTrim(), "not-running answers at once for a stopped container");
    Ctr.ok(e, "rm", n);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void removeRunningNeedsForce(TestEngine e) {
    String n = Ctr.name("rm");
    Ctr.runDetached(e, "--name", n, Ctr.image(e), "sleep", "100");
    Cli.Result refused = e.docker("rm", n);
    assertEquals(1, refused.exit(), refused::toString);
    assertTrue(
        refused.err().contains("cannot remove container \"/" + n + "\": container is running: stop the container before removing or force remove")
            || refused.err().contains("You cannot remove a running container"),
        refused::toString);
    assertEquals("running", Ctr.inspect(e, n, "{{.State.Status}}"), "a refused removal changes nothing");
    Ctr.ok(e, "rm", "-f", "-v", n);
    assertFalse(e.docker("inspect", n).ok());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void autoRemoveAfterExit(TestEngine e) {
    String n = Ctr.name("autorm");
    Ctr.runDetached(e, "--rm", "--name", n, Ctr.image(e), "sh", "-c", "exit 3");
    Ctr.eventually(n + " removed", () -> !e.docker("inspect", n).ok());
    assertTrue(Ctr.ok(e, "ps", "-aq", "--filter", "name=" + n).outTrim().isEmpty());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void runRmReturnsTheExitCodeAndRemoves(TestEngine e) {
    String n = Ctr.name("runrm");
    Cli.Result r = e.docker("run", "--rm", "--name", n, Ctr.image(e), "sh", "-c", "echo out; exit 3");
    assertEquals(3, r.exit(), r::toString);
    assertEquals("out", r.outTrim());
    assertFalse(e.docker("inspect", n).ok(), "--rm removed the container before the CLI returned");
    Cli.Result ok = e.docker("run", "--rm", Ctr.image(e), "true");
    assertEquals(0, ok.exit(), ok::toString);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void pruneRemovesOnlyStoppedMatchingContainers(TestEngine e) {
    String tag = Ctr.name("prune");
    String stopped = Ctr.name("pr-stopped");
    String running = Ctr.name("pr-running");
    String other = Ctr.name("pr-other");
    Ctr.ok(e, "create", "--name", stopped, "--label", "grp=" + tag, Ctr.image(e), "true");
    Ctr.runDetached(e, "--name", running, "--label", "grp=" + tag, Ctr.image(e), "sleep", "100");
    Ctr.ok(e, "create", "--name", other, Ctr.image(e), "true");
    Cli.Result pruned = Ctr.ok(e, "container", "prune", "-f", "--filter", "label=grp=" + tag);
    String stoppedId = e.docker("inspect", "--format", "{{.Id}}", stopped).outTrim();
    assertTrue(stoppedId.isEmpty() || !e.docker("inspect", stopped).ok(), pruned::toString);
    assertTrue(e.docker("inspect", running).ok(), "running containers are never pruned");
    assertTrue(e.docker("inspect", other).ok(), "the label filter spared the other container");
    assertTrue(pruned.out().contains("Total reclaimed space"), pruned::toString);
    Cli.Result bad = e.docker("container", "prune", "-f", "--filter", "colour=red");
    assertEquals(1, bad.exit(), bad::toString);
    Ctr.ok(e, "rm", "-f", running, other);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void topListsTheContainersProcesses(TestEngine e) {
    String n = Ctr.name("top");
    Ctr.runDetached(e, "--name", n, Ctr.image(e), "sleep", "100");
    Cli.Result top = Ctr.ok(e, "top", n);
    assertTrue(top.out().startsWith("UID"), top::toString);
    assertTrue(top.out().contains("sleep 100"), top::toString);
    Cli.Result custom = Ctr.ok(e, "top", n, "-o", "pid,comm");
    assertTrue(custom.out().contains("COMMAND") && custom.out().contains("sleep"), custom::toString);
    Ctr.ok(e, "stop", "-t", "0", n);
    Cli.Result stopped = e.docker("top", n);
    assertEquals(1, stopped.exit(), stopped::toString);
    assertTrue(stopped.err().contains("is not running"), stopped::toString);
    Ctr.ok(e, "rm", n);
  }
}
