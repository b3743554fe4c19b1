package dev.berth.engine.stats;

import dev.berth.engine.api.compat.DockerTime;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * One frame of GET /containers/{id}/stats in Docker's JSON shape (types.StatsJSON). The CLI
 * derives CPU % from this frame's cpu_stats against precpu_stats (the previous frame's).
 */
final class StatsSample {

  private static final String ZERO_TIME = "0001-01-01T00:00:00Z";

  private StatsSample() {}

  /** A frame of a running container; previous is the last frame, or null. */
  static JsonObject take(StatsBackend.Target t, JsonObject previous, long memTotal) {
    CgroupReader cg = Cgroups.forPid(t.pid());
    CgroupReader.Cpu cpu = cg.cpu();
    CgroupReader.Memory mem = cg.memory();
    CgroupReader.Pids pids = cg.pids();
    JsonObject cpuUsage =
        new JsonObject()
            .put("total_usage", cpu.total())
            .put("usage_in_kernelmode", cpu.kernel())
            .put("usage_in_usermode", cpu.user());
    if (!cpu.percpu().isEmpty()) {
      cpuUsage.put("percpu_usage", new JsonArray(cpu.percpu()));
    }
    JsonObject cpuStats =
        new JsonObject()
            .put("cpu_usage", cpuUsage)
            .put("system_cpu_usage", HostCpu.systemUsage())
            .put("online_cpus", HostCpu.onlineCpus())
            .put(
                "throttling_data",
                new JsonObject()
                    .put("periods", cpu.periods())
                    .put("throttled_periods", cpu.throttledPeriods())
                    .put("throttled_time", cpu.throttledTime()));
    JsonObject stats = new JsonObject();
    mem.stats().forEach(stats::put);
    // dockerd shows the host's memory as the limit of a container without one
    long limit = mem.limit() > 0 && mem.limit() < memTotal ? mem.limit() : memTotal;
    JsonObject memory =
        new JsonObject()
            .put("usage", mem.usage())
            .put("max_usage", mem.maxUsage())
            .put("stats", stats)
            .put("failcnt", mem.failcnt())
            .put("limit", limit);
    JsonArray io = new JsonArray();
    for (CgroupReader.Io row : cg.ioServiceBytes()) {
      io.add(new JsonObject().put("major", row.major()).put("minor", row.minor()).put("op", row.op()).put("value", row.value()));
    }
    JsonObject frame = base(t, DockerTime.format(DockerTime.nowNano()), previous);
    frame.put("pids_stats", pids.limit() > 0
        ? new JsonObject().put("current", pids.current()).put("limit", pids.limit())
        : new JsonObject().put("current", pids.current()));
    frame.put("blkio_stats", blkio(io));
    frame.put("cpu_stats", cpuStats);
    frame.put("memory_stats", memory);
    if (!t.hostNetwork()) {
      frame.put("networks", NetDev.read(t.pid()));
    }
    return frame;
  }

  /** What dockerd answers for a container that does not run: zeroes. */
  static JsonObject empty(StatsBackend.Target t) {
    JsonObject frame = base(t, ZERO_TIME, null);
    frame.put("pids_stats", new JsonObject());
    frame.put("blkio_stats", blkio(null));
    frame.put("cpu_stats", emptyCpu());
    frame.put("memory_stats", new JsonObject());
    return frame;
  }

  /** A frame of a running container (not the zeroes of a stopped one). */
  static boolean live(JsonObject frame) {
    return !ZERO_TIME.equals(frame.getString("read"));
  }

  private static JsonObject base(StatsBackend.Target t, String read, JsonObject previous) {
    return new JsonObject()
        .put("name", "/" + t.name())
        .put("id", t.id())
        .put("read", read)
        .put("preread", previous == null ? ZERO_TIME : previous.getString("read"))
        .put("num_procs", 0)
        .put("storage_stats", new JsonObject())
        .put("precpu_stats", previous == null ? emptyCpu() : previous.getJsonObject("cpu_stats").copy());
  }

  private static JsonObject emptyCpu() {
    return new JsonObject()
        .put("cpu_usage", new JsonObject().put("total_usage", 0).put("usage_in_kernelmode", 0).put("usage_in_usermode", 0))
        .put("throttling_data", new JsonObject().put("periods", 0).put("throttled_periods", 0).put("throttled_time", 0));
  }

  private static JsonObject blkio(JsonArray serviceBytes) {
    JsonObject b = new JsonObject().put("io_service_bytes_recursive", serviceBytes);
    for (String key : new String[] {"io_serviced_recursive", "io_queue_recursive", "io_service_time_recursive",
        "io_wait_time_recursive", "io_merged_recursive", "io_time_recursive", "sectors_recursive"}) {
      b.put(key, null);
    }
    return b;
  }
}
