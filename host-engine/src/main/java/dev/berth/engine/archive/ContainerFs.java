package dev.berth.engine.archive;

import dev.berth.engine.containers.MountPoints.MountPoint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

/**
 * A container's file tree as the container sees it, from the host: its mounted rootfs, with
 * bind and volume mounts laid over it. Every path goes through {@link ScopedPath}, so nothing
 * outside the container's tree is ever reached.
 */
final class ContainerFs {

  private final Path rootfs;
  /** bind and volume mounts, deepest destination first so that the longest prefix wins. */
  private final List<MountPoint> mounts;

  ContainerFs(Path rootfs, List<MountPoint> mounts) {
    this.rootfs = rootfs;
    this.mounts = mounts.stream()
        .filter(m -> !m.type().equals("tmpfs") && !m.source().isEmpty())
        .sorted(Comparator.comparingInt((MountPoint m) -> m.destination().length()).reversed())
        .toList();
  }

  /** The host path of a clean absolute container path. */
  Path host(String containerPath) {
    for (MountPoint m : mounts) {
      String d = m.destination();
      if (containerPath.equals(d) || containerPath.startsWith(d + "/")) {
        String rest = containerPath.substring(d.length());
        Path src = Path.of(m.source());
        return rest.isEmpty() ? src : src.resolve(rest.substring(1));
      }
    }
    return ScopedPath.under(rootfs).apply(containerPath);
  }

  /** The mount that holds a clean container path, or null for the rootfs itself. */
  MountPoint mountOf(String containerPath) {
    for (MountPoint m : mounts) {
      String d = m.destination();
      if (containerPath.equals(d) || containerPath.startsWith(d + "/")) {
        return m;
      }
    }
    return null;
  }

  /** Resolves a user's path inside the container (see {@link ScopedPath#resolve}). */
  String resolve(String path, boolean followLast) throws IOException {
    return ScopedPath.resolve(path, this::host, followLast);
  }
}
