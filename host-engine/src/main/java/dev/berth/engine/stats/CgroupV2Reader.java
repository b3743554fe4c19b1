package dev.berth.engine.stats;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** cgroup v2: one directory with every controller's files. */
final class CgroupV2Reader implements CgroupReader {

  private final Path dir;

  CgroupV2Reader(Path dir) {
    this.dir = dir;
  }

  @Override
  public Cpu cpu() {
    Map<String, Long> stat = CgroupFiles.table(dir.resolve("cpu.stat"));
    return new Cpu(
        stat.getOrDefault("usage_usec", 0L) * 1000,
        List.of(),
        stat.getOrDefault("system_usec", 0L) * 1000,
        stat.getOrDefault("user_usec", 0L) * 1000,
        stat.getOrDefault("nr_periods", 0L),
        stat.getOrDefault("nr_throttled", 0L),
        stat.getOrDefault("throttled_usec", 0L) * 1000);
  }

  @Override
  public Memory memory() {
    return new Memory(
        CgroupFiles.number(dir.resolve("memory.current")),
        0,
        0,
        CgroupFiles.number(dir.resolve("memory.max")),
        CgroupFiles.table(dir.resolve("memory.stat")));
  }

  /** io.stat lines "8:0 rbytes=N wbytes=N rios=N wios=N ...". */
  @Override
  public List<Io> ioServiceBytes() {
    List<Io> out = new ArrayList<>();
    for (String line : CgroupFiles.read(dir.resolve("io.stat")).split("\n")) {
      String[] f = line.strip().split("\\s+");
      if (f.length < 2 || !f[0].contains(":")) {
        continue;
      }
      String[] dev = f[0].split(":");
      try {
        long major = Long.parseLong(dev[0]);
        long minor = Long.parseLong(dev[1]);
        for (int i = 1; i < f.length; i++) {
          if (f[i].startsWith("rbytes=")) {
            out.add(new Io(major, minor, "read", Long.parseLong(f[i].substring(7))));
          } else if (f[i].startsWith("wbytes=")) {
            out.add(new Io(major, minor, "write", Long.parseLong(f[i].substring(7))));
          }
        }
      } catch (NumberFormatException e) {
        // not a device row
      }
    }
    return out;
  }

  @Override
  public Pids pids() {
    return new Pids(CgroupFiles.number(dir.resolve("pids.current")), CgroupFiles.number(dir.resolve("pids.max")));
  }
}
