package dev.berth.gateway.hosts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostChangesTest {

  @Test
  void execsAttachesAndReadsChangeNothing() {
    for (String action : List.of("exec_create: sh -c curl -f localhost", "exec_start: sh -c true", "exec_die",
        "exec_detach", "attach", "detach", "resize", "top", "export", "archive-path")) {
      assertFalse(HostChanges.isChange("container", action), action);
    }
    for (String action : List.of("create", "start", "die", "stop", "kill", "pause", "unpause", "rename",
        "destroy", "restart", "update", "health_status: healthy", "health_status", "oom", "extract-to-dir")) {
      assertTrue(HostChanges.isChange("container", action), action);
    }
    assertTrue(HostChanges.isChange("network", "connect"));
    assertTrue(HostChanges.isChange("image", "tag"));
    assertTrue(HostChanges.isChange("", "exec_start: sh"), "no Type (old engines): taken as a change");
    assertTrue(HostChanges.isChange("container", null));
  }

  @Test
  void watchingStartsOnceAndVersionsAreMinusOneUntilTheFeedIsLive() {
    List<String> calls = new ArrayList<>();
    HostChanges changes = new HostChanges();
    assertEquals(-1, changes.version("h"), "no watcher yet");
    changes.watchWith(new HostChanges.Watcher() {
      @Override
      public void watch(String hostId) {
        calls.add("watch " + hostId);
      }

      @Override
      public void unwatch(String hostId) {
        calls.add("unwatch " + hostId);
      }

      @Override
      public void reconnect(String hostId) {
        calls.add("reconnect " + hostId);
      }
    });
    assertEquals(-1, changes.version("h"));
    assertEquals(-1, changes.version("h"));
    changes.feed("h", true);
    long v = changes.version("h");
    assertTrue(v > 0);
    assertEquals(v, changes.version("h"));
    changes.changed("h");
    long v2 = changes.version("h");
    assertNotEquals(v, v2);
    changes.feed("other", true);
    assertEquals(-1, changes.version("other"), "a feed of a host never asked about is not followed");
    changes.repointed("h");
    assertEquals(-1, changes.version("h"));
    changes.removed("h");
    assertEquals(List.of("watch h", "watch other", "reconnect h", "unwatch h"), calls);
  }
}
