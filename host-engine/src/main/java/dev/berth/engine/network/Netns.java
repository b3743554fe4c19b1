package dev.berth.engine.network;

import dev.berth.engine.runtime.Commands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Persistent network namespaces: a new netns bind-mounted on a file (as `ip netns add` does, but
 * under the engine's exec root), so that it outlives the engine and runc can join it by path.
 */
final class Netns {

  private Netns() {}

  static void create(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    remove(file);
    Files.createFile(file);
    Commands.Result r = Commands.run(List.of("unshare", "--net=" + file, "true"));
    if (!r.ok()) {
      Files.deleteIfExists(file);
      throw new IOException("cannot create network namespace " + file + ": " + r.err().strip());
    }
  }

  /** Unmounts and deletes; quiet when it is not there. */
  static void remove(Path file) {
    if (!Files.exists(file)) {
      return;
    }
    Commands.run(List.of("umount", "-l", file.toString()));
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // still mounted: the next reconcile retries
    }
  }
}
