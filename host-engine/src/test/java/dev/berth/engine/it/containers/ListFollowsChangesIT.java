package dev.berth.engine.it.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.it.TestEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * `docker ps` shows each change at once. Berth answers lists from per-container snapshots
 * (its ViewDB), so before every change the container is listed once, making its snapshot
 * current, and after the change the list must already show the new state: a change that fails
 * to replace the snapshot shows here as the old state.
 */
class ListFollowsChangesIT {

  private record Row(String names, String state, String status, String ports, List<String> networks, String mounts) {
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void everyChangeIsListedAtOnce(TestEngine e) {
    String label = "it.list=" + Ctr.name("l");
    String name = Ctr.name("listed");
    String net = Ctr.name("lnet");
    String volume = Ctr.name("lvol");
    int port = freePort();
    try {
      Ctr.ok(e, "create", "--name", name, "--label", label, "-p", "127.0.0.1:" + port + ":80", "-v", volume + ":/data",
          Ctr.image(e), "sleep", "300");
      Row created = row(e, label);
      assertEquals(name, created.names());
      assertEquals("created", created.state());
      assertEquals("Created", created.status());
      assertEquals("", created.ports());
      assertTrue(created.mounts().contains(volume), created::toString);

      Ctr.ok(e, "start", name);
      Row running = row(e, label);
      assertEquals("running", running.state());
      assertTrue(running.status().startsWith("Up "), running::toString);
      assertEquals("127.0.0.1:" + port + "->80/tcp", running.ports());
      assertEquals(List.of("bridge"), running.networks());

      Ctr.ok(e, "network", "create", net);
      row(e, label);
      Ctr.ok(e, "network", "connect", net, name);
      assertEquals(List.of("bridge", net), row(e, label).networks());
      assertEquals(name, Ctr.ok(e, "ps", "--filter", "network=" + net, "--format", "{{.Names}}").outTrim());
      Ctr.ok(e, "network", "disconnect", net, name);
      assertEquals(List.of("bridge"), row(e, label).networks());
      assertEquals("", Ctr.ok(e, "ps", "--filter", "network=" + net, "--format", "{{.Names}}").outTrim());

      String renamed = name + "-b";
      Ctr.ok(e, "rename", name, renamed);
      assertEquals(renamed, row(e, label).names());

      Ctr.ok(e, "pause", renamed);
      Row paused = row(e, label);
      assertEquals("paused", paused.state());
      assertTrue(paused.status().endsWith("(Paused)"), paused::toString);
      Ctr.ok(e, "unpause", renamed);
      assertEquals("running", row(e, label).state());

      Ctr.ok(e, "stop", "-t", "0", renamed);
      Row stopped = row(e, label);
      assertEquals("exited", stopped.state());
      assertTrue(stopped.status().startsWith("Exited ("), stopped::toString);
      assertEquals("", stopped.ports());

      Ctr.ok(e, "start", renamed);
      Row again = row(e, label);
      assertEquals("running", again.state());
      assertEquals("127.0.0.1:" + port + "->80/tcp", again.ports());

      Ctr.ok(e, "rm", "-f", renamed);
      assertEquals("", list(e, label));
    } finally {
      e.docker("rm", "-f", name, name + "-b");
      e.docker("network", "rm", net);
      e.docker("volume", "rm", volume);
    }
  }

  private static String list(TestEngine e, String label) {
    return Ctr.ok(e, "ps", "-a", "--filter", "label=" + label, "--format",
        "{{.Names}}|{{.State}}|{{.Status}}|{{.Ports}}|{{.Networks}}|{{.Mounts}}").outTrim();
  }

  /** The one container with the label, as `docker ps -a` lists it. */
  private static Row row(TestEngine e, String label) {
    String line = list(e, label);
    assertFalse(line.isEmpty() || line.contains("\n"), () -> "one container expected: " + line);
    String[] f = line.split("\\|", -1);
    List<String> networks = Arrays.stream(f[4].split(",")).filter(s -> !s.isEmpty()).sorted().toList();
    return new Row(f[0], f[1], f[2], f[3], networks, f[5]);
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }
}
