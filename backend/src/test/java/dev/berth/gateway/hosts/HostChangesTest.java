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
  void writesThroughTheGatewayCountUnlessTheyOnlyRunOrWatchSomething() {
    for (EngineRequest r : List.of(EngineRequest.post("/containers/web/stop"), EngineRequest.post("/containers/create"),
        EngineRequest.delete("/containers/web"), EngineRequest.post("/v1.51/containers/web/rename?name=x"),
        EngineRequest.post("/networks/n/connect"), EngineRequest.post("/containers/web/exec/x"),
        EngineRequest.post("/images/create?fromImage=busybox"), EngineRequest.post("/build"))) {
      assertTrue(ChangeTrackingAccess.isChange(r), r.method() + " " + r.path());
    }
    for (EngineRequest r : List.of(EngineRequest.get("/containers/json"),
        new EngineRequest("HEAD", "/_ping", java.util.Map.of(), java.util.Map.of(), null),
        EngineRequest.post("/containers/web/exec"), EngineRequest.post("/v1.51/exec/abc/start"),
        EngineRequest.post("/exec/abc/resize?h=40&w=120"), EngineRequest.post("/v1.41/containers/web/resize?h=1&w=2"),
        EngineRequest.post("/containers/web/attach?stream=1&stdout=1"), EngineRequest.post("/containers/web/wait"))) {
      assertFalse(ChangeTrackingAccess.isChange(r), r.method() + " " + r.path());
    }
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
