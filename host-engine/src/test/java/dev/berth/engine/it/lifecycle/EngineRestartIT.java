package dev.berth.engine.it.lifecycle;

import static dev.berth.engine.it.robustness.Checks.eventually;
import static dev.berth.engine.it.robustness.Checks.inspect;
import static dev.berth.engine.it.robustness.Checks.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.engine.it.Cli;
import dev.berth.engine.it.Engines;
import dev.berth.engine.it.TestEngine;
import dev.berth.engine.it.TestImages;
import dev.berth.engine.it.robustness.Checks;
import org.junit.jupiter.api.Test;

/**
 * Restart policies at engine start (Berth only: dockerd without live-restore stops its
 * containers when it stops, and the test restarts its own engine): `always` containers run
 * again even after a manual stop, `unless-stopped` ones only if the user did not stop them.
 */
class EngineRestartIT {

  @Test
  void policiesBringContainersBackAfterAKill9() {
    try (Engines.OwnedEngine owned = Engines.freshBerth()) {
      TestEngine e = owned.engine();
      String img = TestImages.busybox(e);
      ok(e, "run", "-d", "--name", "always-stopped", "--restart", "always", img, "sleep", "1000");
      ok(e, "run", "-d", "--name", "always-up", "--restart", "always", img, "sleep", "1000");
      ok(e, "run", "-d", "--name", "unless-stopped", "--restart", "unless-stopped", img, "sleep", "1000");
      ok(e, "run", "-d", "--name", "unless-up", "--restart", "unless-stopped", img, "sleep", "1000");
      ok(e, "run", "-d", "--name", "no-policy", img, "sleep", "1000");
      ok(e, "stop", "-t", "0", "always-stopped", "unless-stopped", "no-policy");
      String upPid = inspect(e, "always-up", "{{.State.Pid}}");

      e.kill9AndRestart();

      eventually("always-stopped running again", 20,
          () -> inspect(e, "always-stopped", "{{.State.Status}}").equals("running"));
      assertEquals("running " + upPid, inspect(e, "always-up", "{{.State.Status}} {{.State.Pid}}"));
      assertEquals("running", inspect(e, "unless-up", "{{.State.Status}}"));
      Checks.sleep(1000);
      assertEquals("exited", inspect(e, "unless-stopped", "{{.State.Status}}"));
      assertEquals("exited", inspect(e, "no-policy", "{{.State.Status}}"));

      // and the re-adopted container's crash is still answered by its policy
      Cli.must("kill", "-9", upPid);
      eventually("always-up restarted", 20,
          () -> inspect(e, "always-up", "{{.State.Status}} {{.RestartCount}}").equals("running 1"));
    }
  }
}
