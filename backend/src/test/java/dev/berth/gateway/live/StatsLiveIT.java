package dev.berth.gateway.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.gateway.hosts.HostsFixture;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Container stats and the host summary, pushed by the gateway from the engine's stats. */
class StatsLiveIT {
  private static HostsFixture fx;
  private static String token;

  @BeforeAll
  static void setUp() throws Exception {
    fx = HostsFixture.get();
    long viewer = fx.createUser("live-stats-viewer", "user");
    fx.grants("local", "user:" + viewer, "viewer");
    token = fx.login("live-stats-viewer")[1].substring(7);
  }

  @Test
  void aBusyContainerShowsCpuAndMemory() throws Exception {
    String c = fx.engine.docker("run", "-d", "busybox", "sh", "-c", "while true; do :; done");
    try (WsClient ws = WsClient.open(fx.gw.baseUrl, "/api/hosts/local/containers/" + c + "/stats/live",
        "berth.stats.v1", token)) {
      JsonObject busy = ws.next(m -> "stats".equals(m.getString("type")) && m.getDouble("cpuPercent") > 10, 15_000);
      assertTrue(busy.getLong("memoryUsage") > 0, busy.encode());
      assertTrue(busy.getLong("memoryLimit") >= busy.getLong("memoryUsage"), busy.encode());
      assertTrue(busy.getLong("pids") >= 1, busy.encode());
      assertTrue(busy.containsKey("networkRx") && busy.containsKey("blockRead") && busy.getString("read") != null);
    } finally {
      fx.engine.docker("rm", "-f", c);
    }
  }

  @Test
  void theHostSummaryListsRunningContainers() throws Exception {
    String c = fx.engine.docker("run", "-d", "--name", "live-stats-summary", "busybox", "sleep", "120");
    try (WsClient ws = WsClient.open(fx.gw.baseUrl, "/api/hosts/local/stats/live", "berth.stats.v1", token)) {
      JsonObject summary = ws.next(m -> "summary".equals(m.getString("type")) && m.getJsonArray("containers").stream()
          .anyMatch(x -> c.equals(((JsonObject) x).getString("id"))), 15_000);
      JsonObject mine = summary.getJsonArray("containers").stream().map(JsonObject.class::cast)
          .filter(x -> c.equals(x.getString("id"))).findFirst().orElseThrow();
      assertEquals("live-stats-summary", mine.getString("name"));
      assertTrue(mine.getLong("memoryUsage") > 0, mine.encode());
      assertTrue(summary.getLong("memoryUsage") >= mine.getLong("memoryUsage"));
    } finally {
      fx.engine.docker("rm", "-f", c);
    }
  }
}
