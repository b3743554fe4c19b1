package dev.berth.engine.stats;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Finds a process's cgroups from /proc/PID/cgroup: with v1 controllers (this project's hybrid
 * hosts) a reader over their directories, on a pure v2 host a reader over the unified one.
 */
final class Cgroups {

  private static final Path ROOT = Path.of("/sys/fs/cgroup");

  private Cgroups() {}

  static CgroupReader forPid(int pid) {
    Map<String, Path> v1 = new HashMap<>();
    String unified = null;
    for (String line : CgroupFiles.read(Path.of("/proc", Integer.toString(pid), "cgroup")).split("\n")) {
      String[] f = line.split(":", 3);
      if (f.length != 3) {
        continue;
      }
      String rel = f[2].startsWith("/") ? f[2].substring(1) : f[2];
      if (f[1].isEmpty()) {
        unified = rel;
        continue;
      }
      for (String controller : f[1].split(",")) {
        // "cpu,cpuacct" is mounted as one folder on some hosts and as two on others
        Path joint = ROOT.resolve(f[1]);
        Path mount = Files.isDirectory(joint) ? joint : ROOT.resolve(controller);
        v1.put(controller, mount.resolve(rel));
      }
    }
    if (v1.containsKey("memory")) {
      return new CgroupV1Reader(v1);
    }
    return new CgroupV2Reader(ROOT.resolve(unified == null ? "" : unified));
  }
}
