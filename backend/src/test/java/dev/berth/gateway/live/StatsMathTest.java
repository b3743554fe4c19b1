package dev.berth.gateway.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** The docker CLI's formulas on samples shaped like dockerd's (cgroup v1 and v2). */
class StatsMathTest {

  private static JsonObject sample(long total, long system, long preTotal, long preSystem, JsonObject memStats) {
    return new JsonObject()
        .put("read", "2026-01-01T00:00:01Z")
        .put("cpu_stats", new JsonObject().put("cpu_usage", new JsonObject().put("total_usage", total))
            .put("system_cpu_usage", system).put("online_cpus", 4))
        .put("precpu_stats", new JsonObject().put("cpu_usage", new JsonObject().put("total_usage", preTotal))
            .put("system_cpu_usage", preSystem))
        .put("memory_stats", new JsonObject().put("usage", 1000L).put("limit", 4000L).put("stats", memStats))
        .put("networks", new JsonObject()
            .put("eth0", new JsonObject().put("rx_bytes", 10).put("tx_bytes", 20))
            .put("eth1", new JsonObject().put("rx_bytes", 1).put("tx_bytes", 2)))
        .put("blkio_stats", new JsonObject().put("io_service_bytes_recursive", new io.vertx.core.json.JsonArray()
            .add(new JsonObject().put("op", "Read").put("value", 7))
            .add(new JsonObject().put("op", "write").put("value", 9))
            .add(new JsonObject().put("op", "Total").put("value", 16))))
        .put("pids_stats", new JsonObject().put("current", 3));
  }

  @Test
  void cpuMemoryNetworkAndBlockIoAsDockerStatsComputesThem() {
    JsonObject s = StatsMath.compute(sample(300, 2000, 100, 1000, new JsonObject().put("inactive_file", 200L)), null);
    // (200 / 1000) * 4 cpus * 100
    assertEquals(80.0, s.getDouble("cpuPercent"));
    assertEquals(800L, s.getLong("memoryUsage"));
    assertEquals(20.0, s.getDouble("memoryPercent"));
    assertEquals(11L, s.getLong("networkRx"));
    assertEquals(22L, s.getLong("networkTx"));
    assertEquals(7L, s.getLong("blockRead"));
    assertEquals(9L, s.getLong("blockWrite"));
    assertEquals(3L, s.getLong("pids"));
  }

  @Test
  void cgroupV1CacheAndAnEarlierSampleAreUsed() {
    JsonObject previous = new JsonObject().put("cpu_usage", new JsonObject().put("total_usage", 250L))
        .put("system_cpu_usage", 1500L);
    JsonObject s = StatsMath.compute(sample(300, 2000, 100, 1000,
        new JsonObject().put("total_inactive_file", 100L).put("inactive_file", 999L)), previous);
    assertEquals(40.0, s.getDouble("cpuPercent"));
    assertEquals(900L, s.getLong("memoryUsage"));
  }

  @Test
  void noDeltaMeansZeroCpu() {
    assertEquals(0.0, StatsMath.compute(sample(100, 1000, 100, 1000, new JsonObject()), null).getDouble("cpuPercent"));
  }
}
