package dev.berth.engine.stats;

import java.nio.file.Path;

/** The host's side of CPU %: total CPU time and online CPUs from /proc/stat, as dockerd reads them. */
final class HostCpu {

  private static final long NANOS_PER_TICK = 10_000_000L;

  private HostCpu() {}

  /** user+nice+system+idle+iowait+irq+softirq of the "cpu" line, in nanoseconds. */
  static long systemUsage() {
    for (String line : CgroupFiles.read(Path.of("/proc/stat")).split("\n")) {
      if (line.startsWith("cpu ")) {
        String[] f = line.trim().split("\\s+");
        long ticks = 0;
        for (int i = 1; i <= 7 && i < f.length; i++) {
          ticks += Long.parseLong(f[i]);
        }
        return ticks * NANOS_PER_TICK;
      }
    }
    return 0;
  }

  static int onlineCpus() {
    int n = 0;
    for (String line : CgroupFiles.read(Path.of("/proc/stat")).split("\n")) {
      if (line.startsWith("cpu") && Character.isDigit(line.charAt(3))) {
        n++;
      }
    }
    return n > 0 ? n : Runtime.getRuntime().availableProcessors();
  }

  /** MemTotal in bytes: the limit shown for a container without a memory limit. */
  static long memTotal() {
    for (String line : CgroupFiles.read(Path.of("/proc/meminfo")).split("\n")) {
      if (line.startsWith("MemTotal:")) {
        return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
      }
    }
    return 0;
  }
}
