package dev.berth.engine.it.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.it.Engines;
import dev.berth.engine.it.TestEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Containers outlive the engine (conmon keeps them): after a clean restart or a kill -9, the
 * engine re-adopts running containers and records the exits that happened meanwhile. Berth
 * only: dockerd without live-restore stops its containers when it stops.
 */
class ContainerRestartIT {

  private static boolean mountedUnder(Path dir) throws IOException {
    return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
        .anyMatch(l -> l.split(" ")[4].startsWith(dir.toString() + "/"));
  }

  private static void survives(TestEngine e, boolean kill9) throws IOException {
    String img = Ctr.image(e);
    Ctr.runDetached(e, "--name", "long", img, "sleep", "1000");
    Ctr.runDetached(e, "--name", "short", img, "sh", "-c", "sleep 2; exit 7");
    Ctr.runDetached(e, "--name", "paused", img, "sleep", "1000");
    Ctr.ok(e, "pause", "paused");
    Ctr.ok(e, "create", "--name", "fresh", img, "true");
    String pid = Ctr.inspect(e, "long", "{{.State.Pid}}");
    if (kill9) {
      e.kill9AndRestart();
    } else {
      e.restart();
    }
    assertEquals("running " + pid, Ctr.inspect(e, "long", "{{.State.Status}} {{.State.Pid}}"));
    assertEquals("paused", Ctr.inspect(e, "paused", "{{.State.Status}}"));
    assertEquals("created", Ctr.inspect(e, "fresh", "{{.State.Status}}"));
    Ctr.eventually("short's exit", () -> Ctr.inspect(e, "short", "{{.State.Status}}").equals("exited"));
    assertEquals("7", Ctr.inspect(e, "short", "{{.State.ExitCode}}"));
    assertFalse(Ctr.inspect(e, "short", "{{.State.FinishedAt}}").startsWith("0001"));
    assertTrue(Ctr.ok(e, "top", "long").out().contains("sleep 1000"));
    // the re-adopted container's exit is still noticed
    Ctr.ok(e, "stop", "-t", "0", "long");
    assertEquals("exited 137", Ctr.inspect(e, "long", "{{.State.Status}} {{.State.ExitCode}}"));
    Ctr.ok(e, "unpause", "paused");
    Ctr.ok(e, "rm", "-f", "long", "short", "paused", "fresh");
    assertFalse(mountedUnder(e.dataRoot()), "no rootfs mount outlives its container");
  }

  @Test
  void survivesACleanRestart() throws IOException {
    try (Engines.OwnedEngine owned = Engines.freshBerth()) {
      survives(owned.engine(), false);
    }
  }

  @Test
  void survivesKill9() throws IOException {
    try (Engines.OwnedEngine owned = Engines.freshBerth()) {
      survives(owned.engine(), true);
    }
  }

  @Test
  void exitWhileDownIsRecordedAndAutoRemoveHappens() throws IOException {
    try (Engines.OwnedEngine owned = Engines.freshBerth()) {
      TestEngine e = owned.engine();
      Ctr.runDetached(e, "--rm", "--name", "gone", Ctr.image(e), "sh", "-c", "sleep 1; exit 3");
      Ctr.runDetached(e, "--name", "kept", Ctr.image(e), "sh", "-c", "sleep 1; exit 4");
      e.kill9AndRestart();
      Ctr.eventually("kept's exit", () -> Ctr.inspect(e, "kept", "{{.State.Status}}").equals("exited"));
      assertEquals("4", Ctr.inspect(e, "kept", "{{.State.ExitCode}}"));
      Ctr.eventually("gone removed", () -> !e.docker("inspect", "gone").ok());
      Ctr.ok(e, "rm", "kept");
    }
  }
}
