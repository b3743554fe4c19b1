package dev.berth.engine.containers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Whether the kernel's OOM killer struck in a container's cgroup during its current run. runc
 * makes a fresh cgroup at each start (OciSpecBuilder's cgroupsPath) and removes it at {@code
 * runc delete}, so a non-zero oom_kill count, read before the delete, belongs to this run:
 * cgroup v1 memory.oom_control or cgroup v2 memory.events.
 */
final class OomKills {

  private static final Path CGROUP_ROOT = Path.of("/sys/fs/cgroup");

  private OomKills() {}

  static boolean happened(Container c) {
    Path dir = Path.of(OciSpecBuilder.cgroupsPath(c).substring(1));
    for (Path file :
        List.of(
            CGROUP_ROOT.resolve("memory").resolve(dir).resolve("memory.oom_control"),
            CGROUP_ROOT.resolve(dir).resolve("memory.events"))) {
      try {
        for (String line : Files.readAllLines(file)) {
          if (line.startsWith("oom_kill ")) {
            return Long.parseLong(line.substring("oom_kill ".length()).strip()) > 0;
          }
        }
      } catch (IOException | NumberFormatException e) {
        // no such cgroup (other version, or already gone)
      }
    }
    return false;
  }
}
