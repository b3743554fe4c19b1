package dev.berth.engine.stats;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** cgroup v1: one directory per controller (cpu, cpuacct, memory, blkio, pids). */
final class CgroupV1Reader implements CgroupReader {

  /** cpuacct.stat counts in USER_HZ ticks (100 per second on Linux). */
  private static final long NANOS_PER_TICK = 10_000_000L;
  /** What the kernel reports as "no limit" on 64-bit hosts (a page-aligned LONG_MAX). */
  private static final long UNLIMITED = 0x7FFFFFFFFFFFF000L;

  private final Map<String, Path> dirs;

  /** @param dirs controller name -> the container's directory in that hierarchy */
  CgroupV1Reader(Map<String, Path> dirs) {
    this.dirs = dirs;
  }

  private Path file(String controller, String name) {
    Path dir = dirs.get(controller);
    return dir == null ? Path.of("/nonexistent", name) : dir.resolve(name);
  }

  @Override
  public Cpu cpu() {
    Map<String, Long> stat = CgroupFiles.table(file("cpuacct", "cpuacct.stat"));
    Map<String, Long> throttling = CgroupFiles.table(file("cpu", "cpu.stat"));
    return new Cpu(
        CgroupFiles.number(file("cpuacct", "cpuacct.usage")),
        CgroupFiles.numbers(file("cpuacct", "cpuacct.usage_percpu")),
        stat.getOrDefault("system", 0L) * NANOS_PER_TICK,
        stat.getOrDefault("user", 0L) * NANOS_PER_TICK,
        throttling.getOrDefault("nr_periods", 0L),
        throttling.getOrDefault("nr_throttled", 0L),
        throttling.getOrDefault("throttled_time", 0L));
  }

  @Override
  public Memory memory() {
    long limit = CgroupFiles.number(file("memory", "memory.limit_in_bytes"));
    return new Memory(
        CgroupFiles.number(file("memory", "memory.usage_in_bytes")),
        CgroupFiles.number(file("memory", "memory.max_usage_in_bytes")),
        CgroupFiles.number(file("memory", "memory.failcnt")),
        limit >= UNLIMITED ? 0 : limit,
        CgroupFiles.table(file("memory", "memory.stat")));
  }

  /** The throttle counters work with every I/O scheduler; the CFQ ones only with CFQ/BFQ. */
  @Override
  public List<Io> ioServiceBytes() {
    List<Io> rows = parse(CgroupFiles.read(file("blkio", "blkio.throttle.io_service_bytes_recursive")));
    return rows.isEmpty() ? parse(CgroupFiles.read(file("blkio", "blkio.io_service_bytes_recursive"))) : rows;
  }

  /** Lines "8:0 Read 4096"; the closing "Total N" line is not a device row. */
  private static List<Io> parse(String text) {
    List<Io> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      String[] f = line.strip().split("\\s+");
      if (f.length != 3 || !f[0].contains(":")) {
        continue;
      }
      String[] dev = f[0].split(":");
      try {
        out.add(new Io(Long.parseLong(dev[0]), Long.parseLong(dev[1]), f[1], Long.parseLong(f[2])));
      } catch (NumberFormatException e) {
        // not a device row
      }
    }
    return out;
  }

  @Override
  public Pids pids() {
    return new Pids(CgroupFiles.number(file("pids", "pids.current")), CgroupFiles.number(file("pids", "pids.max")));
  }
}
