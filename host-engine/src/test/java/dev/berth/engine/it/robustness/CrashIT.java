package dev.berth.engine.it.robustness;

import static dev.berth.engine.it.robustness.Checks.inspect;
import static dev.berth.engine.it.robustness.Checks.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.it.Cli;
import dev.berth.engine.it.Engines;
import dev.berth.engine.it.TestEngine;
import dev.berth.engine.it.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Berth only (dockerd without live-restore stops its containers with it): containers and their
 * records survive a clean restart and a kill -9 of the engine, exits that happen while it is down
 * are recorded with their real code and time, and a kill -9 in the middle of a burst of creates
 * leaves state that the next start reads whole.
 */
class CrashIT {

  private static Engines.OwnedEngine owned;
  private static TestEngine e;

  @BeforeAll
  static void start() {
    owned = Engines.freshBerth();
    e = owned.engine();
    TestImages.busybox(e);
  }

  @AfterAll
  static void stop() {
    if (owned != null) {
      owned.close();
    }
  }

  private static long enginePid() {
    try {
      return Long.parseLong(Files.readString(e.dataRoot().getParent().resolve("engine.pid")).strip());
    } catch (IOException ex) {
      throw new IllegalStateException(ex);
    }
  }

  /**
   * Restarts the engine; containers that wait for the trigger file exit in the gap, after the old
   * engine process is gone and before the new one runs. Returns the instant the gap began.
   */
  private static Instant restartWithExitsWhileDown(Path trigger, boolean kill9) throws Exception {
    long pid = enginePid();
    CompletableFuture<Instant> gap =
        CompletableFuture.supplyAsync(
            () -> {
              long deadline = System.nanoTime() + 70_000_000_000L;
              while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
                Checks.sleep(2);
              }
              Instant down = Instant.now();
              try {
                Files.writeString(trigger, "go");
                // the containers poll every 10 ms; give them time to be gone before the JVM is up
                Thread.sleep(150);
              } catch (IOException | InterruptedException ex) {
                throw new IllegalStateException(ex);
              }
              return down;
            });
    if (kill9) {
      e.kill9AndRestart();
    } else {
      e.restart();
    }
    return gap.get();
  }

  private static void survive(boolean kill9) throws Exception {
    Path dir = Files.createTempDirectory(Path.of("/tmp"), "qa-crash");
    try {
      Path trigger = dir.resolve("go");
      String wait = "while [ ! -f /t/go ]; do usleep 10000; done; ";
      String image = TestImages.busybox(e);
      String up = Checks.unique("up");
      String exits = Checks.unique("exits");
      String gone = Checks.unique("gone");
      ok(e, "run", "-d", "--name", up, image, "sh", "-c", "echo hello; echo oops >&2; exec sleep 1000");
      ok(e, "run", "-d", "--name", exits, "-v", dir + ":/t", image, "sh", "-c", "echo bye; " + wait + "exit 7");
      ok(e, "run", "-d", "--rm", "--name", gone, "-v", dir + ":/t", image, "sh", "-c", wait + "exit 5");
      Checks.eventually("logs written", 20, () -> e.docker("logs", up).out().equals("hello\n"));
      String upState = inspect(e, up, "{{.State.Pid}} {{.State.StartedAt}}");

      Instant down = restartWithExitsWhileDown(trigger, kill9);
      Instant back = Instant.now();

      assertEquals("running true " + upState, inspect(e, up, "{{.State.Status}} {{.State.Running}} {{.State.Pid}} {{.State.StartedAt}}"));
      Checks.eventually(exits + " recorded as exited", 20, () -> inspect(e, exits, "{{.State.Status}}").equals("exited"));
      assertEquals("7 false", inspect(e, exits, "{{.State.ExitCode}} {{.State.Running}}"));
      Instant finished = Instant.parse(inspect(e, exits, "{{.State.FinishedAt}}"));
      assertTrue(!finished.isBefore(down.minusMillis(50)) && finished.isBefore(back),
          "FinishedAt " + finished + " is the real exit, in the gap " + down + " .. " + back);
      // dockerd's restore removes AutoRemove containers that are no longer running
      Checks.eventually(gone + " auto-removed", 20, () -> !e.docker("inspect", gone).ok());

      // ps, inspect and logs agree
      assertEquals(
          Set.of(up + " running", exits + " exited"),
          Set.copyOf(ok(e, "ps", "-a", "--filter", "name=" + up, "--filter", "name=" + exits, "--filter", "name=" + gone,
              "--format", "{{.Names}} {{.State}}").out().lines().toList()));
      assertEquals(up, ok(e, "ps", "--filter", "name=" + up, "--format", "{{.Names}}").outTrim());
      assertTrue(ok(e, "ps", "-a", "--filter", "name=" + exits, "--format", "{{.Status}}").outTrim().startsWith("Exited (7) "));
      Cli.Result logs = ok(e, "logs", up);
      assertEquals("hello\n", logs.out());
      assertEquals("oops\n", logs.err());
      assertEquals("bye\n", ok(e, "logs", exits).out());
      assertTrue(ok(e, "top", up).out().contains("sleep 1000"));
      // and the re-adopted container is fully controllable
      ok(e, "stop", "-t", "0", up);
      assertEquals("exited 137", inspect(e, up, "{{.State.Status}} {{.State.ExitCode}}"));
      ok(e, "rm", up, exits);
      assertEquals(List.of(), Checks.mountsUnder(e.dataRoot()), "no rootfs mount outlives its container");
    } finally {
      Cli.run("rm", "-rf", dir.toString());
    }
  }

  /**
   * Every JSON file under the engine's container records parses, and after the engine's start
   * the records are exactly the containers that ps lists (debris of a create cut short is gone).
   */
  private static void assertStateFilesReadable(java.util.Collection<String> burstIds) throws IOException {
    Path records = e.dataRoot().resolve("containers");
    try (var files = Files.walk(records)) {
      for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json")).toList()) {
        String text = Files.readString(f);
        try {
          new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
          throw new AssertionError("corrupt state file " + f + ": " + text, ex);
        }
      }
    }
    Set<String> all = new TreeSet<>(List.of(ok(e, "ps", "-aq", "--no-trunc").outTrim().split("\\s+")));
    assertTrue(all.containsAll(burstIds), all::toString);
    Checks.eventually("container records match ps -a", 20, () -> {
      try (var dirs = Files.list(records)) {
        return new TreeSet<>(dirs.map(d -> d.getFileName().toString()).toList()).equals(all);
      } catch (IOException ex) {
        return false;
      }
    });
  }

  @Test
  void containersAndExitsSurviveACleanRestart() throws Exception {
    survive(false);
  }

  @Test
  void containersAndExitsSurviveKill9() throws Exception {
    survive(true);
  }

  @Test
  void kill9DuringABurstOfCreatesLosesNoReportedContainer() throws Exception {
    String image = TestImages.busybox(e);
    String prefix = Checks.unique("burst");
    Map<String, String> created = Collections.synchronizedMap(new HashMap<>());
    AtomicBoolean stop = new AtomicBoolean();
    List<CompletableFuture<Void>> creators = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      int thread = t;
      creators.add(
          CompletableFuture.runAsync(
              () -> {
                for (int i = 0; !stop.get() && i < 200; i++) {
                  String name = prefix + "-" + thread + "-" + i;
                  Cli.Result r = e.docker(java.time.Duration.ofSeconds(30), "create", "--name", name, "--label", "qa.burst=1", image, "true");
                  if (!r.ok()) {
                    return; // the engine is gone
                  }
                  created.put(name, r.outTrim());
                }
              }));
    }
    Checks.eventually("a few creates", 60, () -> created.size() >= 6);
    e.kill9AndRestart();
    stop.set(true);
    CompletableFuture.allOf(creators.toArray(CompletableFuture[]::new)).get();

    Set<String> reported;
    synchronized (created) {
      reported = new TreeSet<>(created.keySet());
    }
    for (int pass = 0; pass < 2; pass++) {
      Map<String, String> listed = new HashMap<>();
      for (String line : ok(e, "ps", "-a", "--no-trunc", "--filter", "label=qa.burst=1", "--format", "{{.Names}} {{.ID}} {{.State}}").out().lines().toList()) {
        String[] p = line.split(" ");
        assertEquals("created", p[2], line);
        listed.put(p[0], p[1]);
      }
      for (String name : reported) {
        assertEquals(created.get(name), listed.get(name), name + " was reported created: " + listed.keySet());
      }
      // a create in flight at the kill may or may not have landed, but never half: each one works
      for (Map.Entry<String, String> c : listed.entrySet()) {
        assertTrue(c.getKey().startsWith(prefix), c::toString);
        assertEquals(c.getValue() + " /" + c.getKey() + " " + image, inspect(e, c.getKey(), "{{.Id}} {{.Name}} {{.Config.Image}}"));
      }
      assertStateFilesReadable(listed.values());
      if (pass == 0) {
        e.restart();
      }
    }
    String first = reported.iterator().next();
    ok(e, "start", first);
    assertEquals("0", ok(e, "wait", first).outTrim());
    List<String> rm = new ArrayList<>(List.of("rm"));
    rm.addAll(List.of(ok(e, "ps", "-aq", "--filter", "label=qa.burst=1").out().split("\\s+")));
    ok(e, rm.toArray(String[]::new));
    assertFalse(ok(e, "ps", "-aq").out().contains(created.get(first).substring(0, 12)));
  }
}
