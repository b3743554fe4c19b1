package dev.berth.engine.volumes;

import dev.berth.engine.archive.ScopedPath;
import dev.berth.engine.runtime.Commands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * Docker's copy-up: an empty volume mounted over a folder of the image first receives that
 * folder's content, with owners, modes, symlinks, timestamps and xattrs (cp -a), and the
 * folder's own owner and mode.
 */
final class CopyUp {

  private CopyUp() {}

  /** Copies the image's content at {@code destination} (inside the mounted rootfs) into {@code data} when empty. */
  static void copyIfEmpty(Path rootfs, String destination, Path data) throws IOException {
    if (!isEmptyDir(data)) {
      return;
    }
    String inside = ScopedPath.resolve(destination, ScopedPath.under(rootfs), true);
    Path source = ScopedPath.under(rootfs).apply(inside);
    if (!Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Commands.Result r = Commands.run(List.of("cp", "-a", source + "/.", data + "/"));
    if (!r.ok()) {
      throw new IOException("copying the image's content at " + destination + " into the volume: " + r.err().strip());
    }
  }

  private static boolean isEmptyDir(Path dir) throws IOException {
    try (var s = Files.list(dir)) {
      return s.findAny().isEmpty();
    }
  }
}
