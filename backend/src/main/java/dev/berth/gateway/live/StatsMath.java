package dev.berth.gateway.live;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The numbers `docker stats` shows, computed as the docker CLI does from the engine's raw
 * stats JSON (cli/command/container/stats_helpers.go): CPU % from the deltas against the
 * previous sample, memory without the inactive page cache, summed network and block I/O.
 */
final class StatsMath {

  private StatsMath() {
  }

  /**
   * @param previousCpu the cpu_stats of an earlier sample, or null to use the sample's own precpu_stats
   */
  static JsonObject compute(JsonObject raw, JsonObject previousCpu) {
    JsonObject cpu = raw.getJsonObject("cpu_stats", new JsonObject());
    JsonObject precpu = previousCpu != null ? previousCpu : raw.getJsonObject("precpu_stats", new JsonObject());
    JsonObject memory = raw.getJsonObject("memory_stats", new JsonObject());
    long usage = num(memory, "usage");
    long limit = num(memory, "limit");
    long used = memoryWithoutCache(memory, usage);
    long[] network = network(raw.getJsonObject("networks"));
    long[] block = blockIo(raw.getJsonObject("blkio_stats", new JsonObject()).getJsonArray("io_service_bytes_recursive"));
    return new JsonObject()
        .put("type", "stats")
        .put("read", raw.getString("read"))
        .put("cpuPercent", round(cpuPercent(cpu, precpu)))
        .put("memoryUsage", used)
        .put("memoryLimit", limit)
        .put("memoryPercent", round(limit == 0 ? 0.0 : used * 100.0 / limit))
        .put("networkRx", network[0])
        .put("networkTx", network[1])
        .put("blockRead", block[0])
        .put("blockWrite", block[1])
        .put("pids", num(raw.getJsonObject("pids_stats", new JsonObject()), "current"));
  }

  static double cpuPercent(JsonObject cpu, JsonObject precpu) {
    double cpuDelta = num(cpu.getJsonObject("cpu_usage", new JsonObject()), "total_usage")
        - num(precpu.getJsonObject("cpu_usage", new JsonObject()), "total_usage");
    double systemDelta = num(cpu, "system_cpu_usage") - num(precpu, "system_cpu_usage");
    long online = num(cpu, "online_cpus");
    if (online == 0) {
      JsonArray perCpu = cpu.getJsonObject("cpu_usage", new JsonObject()).getJsonArray("percpu_usage");
      online = perCpu == null ? 0 : perCpu.size();
    }
    if (systemDelta > 0 && cpuDelta > 0) {
      return cpuDelta / systemDelta * online * 100.0;
    }
    return 0.0;
  }

  /** cgroup v1 reports total_inactive_file, v2 inactive_file; the CLI subtracts whichever is there. */
  private static long memoryWithoutCache(JsonObject memory, long usage) {
    JsonObject stats = memory.getJsonObject("stats", new JsonObject());
    if (stats.containsKey("total_inactive_file")) {
      long v = num(stats, "total_inactive_file");
      if (v < usage) {
        return usage - v;
      }
    } else if (stats.containsKey("inactive_file")) {
      long v = num(stats, "inactive_file");
      if (v < usage) {
        return usage - v;
      }
    }
    return usage;
  }

  private static long[] network(JsonObject networks) {
    long[] rxTx = new long[2];
    if (networks != null) {
      for (String name : networks.fieldNames()) {
        JsonObject n = networks.getJsonObject(name, new JsonObject());
        rxTx[0] += num(n, "rx_bytes");
        rxTx[1] += num(n, "tx_bytes");
      }
    }
    return rxTx;
  }

  private static long[] blockIo(JsonArray entries) {
    long[] readWrite = new long[2];
    if (entries != null) {
      for (Object o : entries) {
        if (o instanceof JsonObject e && e.getString("op") != null) {
          switch (e.getString("op").toLowerCase(java.util.Locale.ROOT)) {
            case "read" -> readWrite[0] += num(e, "value");
            case "write" -> readWrite[1] += num(e, "value");
            default -> { }
          }
        }
      }
    }
    return readWrite;
  }

  private static long num(JsonObject o, String key) {
    Object v = o == null ? null : o.getValue(key);
    return v instanceof Number n ? n.longValue() : 0L;
  }

  private static double round(double v) {
    return Math.round(v * 100.0) / 100.0;
  }
}
