package dev.berth.engine.it.volumes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.it.Engines;
import dev.berth.engine.it.TestEngine;
import dev.berth.engine.it.TestImages;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Berth's volumes survive an engine restart: data, metadata and the users of a volume; a
 * filesystem volume (driver options) stays mounted while its container runs on, and is
 * unmounted when that container stops after the restart. (dockerd's restart is its own matter.)
 */
class VolumeRestartIT {

  @Test
  void volumesAndTheirMountsSurviveAnEngineRestart() {
    try (Engines.OwnedEngine owned = Engines.freshBerth()) {
      TestEngine e = owned.engine();
      String image = TestImages.busybox(e);
      List<String> mounts = MountLeaks.under(e);
      Vol.ok(e, "volume", "create", "--label", "k=v", "data");
      Vol.ok(e, "volume", "create", "-o", "type=tmpfs", "-o", "device=tmpfs", "fast");
      Vol.ok(e, "run", "--rm", "--network", "none", "-v", "data:/d", image, "sh", "-c", "echo persisted > /d/f");
      Vol.ok(e, "run", "-d", "--name", "user", "--network", "none", "-v", "fast:/f", "-v", "data:/d", image,
          "sh", "-c", "echo in-tmpfs > /f/x && sleep 300");

      e.restart();

      assertEquals("v", Vol.ok(e, "volume", "inspect", "--format", "{{.Labels.k}}", "data").outTrim());
      assertEquals("in-tmpfs persisted", Vol.ok(e, "exec", "user", "sh", "-c", "echo $(cat /f/x /d/f)").outTrim());
      assertTrue(Vol.fails(e, "volume", "rm", "data").err().contains("volume is in use"));
      assertTrue(MountLeaks.under(e).stream().anyMatch(m -> m.endsWith("/volumes/fast/_data")),
          "the running container still holds the volume's filesystem");
      Vol.ok(e, "stop", "-t", "0", "user");
      MountLeaks.assertNoneBeyond(e, mounts);
      Vol.ok(e, "rm", "user");
      Vol.ok(e, "volume", "rm", "data", "fast");
      assertEquals("", Vol.ok(e, "volume", "ls", "-q").outTrim());
    }
  }
}
