package dev.berth.engine.volumes;

import dev.berth.engine.runtime.Commands;
import dev.berth.engine.util.AtomicFiles;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Volumes on disk: &lt;data-root&gt;/volumes/NAME/_data holds the data and NAME/volume.json the
 * metadata, written last (atomically) at create and removed first at delete, so that a crash
 * leaves either a whole volume or debris that the next start clears.
 */
final class VolumeStore {

  private static final Logger LOG = Logger.getLogger(VolumeStore.class.getName());
  private static final String META = "volume.json";

  private final Path root;

  VolumeStore(Path dataRoot) throws IOException {
    this.root = dataRoot.resolve("volumes");
    Files.createDirectories(root);
  }

  Path dataDir(String name) {
    return root.resolve(name).resolve("_data");
  }

  /** Every stored volume by name; folders without metadata are debris of a crash and go. */
  Map<String, Volume> loadAll() throws IOException {
    Map<String, Volume> out = new LinkedHashMap<>();
    try (var s = Files.list(root)) {
      for (Path dir : (Iterable<Path>) s::iterator) {
        Path meta = dir.resolve(META);
        if (!Files.isDirectory(dir)) {
          continue;
        }
        if (!Files.exists(meta)) {
          LOG.info("removing debris of an interrupted volume create or removal: " + dir);
          deleteTree(dir);
          continue;
        }
        try {
          JsonObject j = new JsonObject(Files.readString(meta));
          String name = j.getString("Name");
          out.put(name, new Volume(name, j.getJsonObject("Labels", new JsonObject()),
              j.getJsonObject("Options", new JsonObject()), j.getString("CreatedAt", ""), dataDir(name)));
        } catch (RuntimeException e) {
          LOG.warning("ignoring unreadable volume metadata " + meta + ": " + e.getMessage());
        }
      }
    }
    return out;
  }

  void create(Volume v) throws IOException {
    Files.createDirectories(v.mountpoint());
    AtomicFiles.writeString(root.resolve(v.name()).resolve(META), v.toJson().encode());
  }

  void delete(String name) throws IOException {
    Path dir = root.resolve(name);
    Files.deleteIfExists(dir.resolve(META));
    AtomicFiles.fsyncDirectory(dir);
    deleteTree(dir);
  }

  /** rm never follows symlinks and, with --one-file-system, never enters a mount inside. */
  private static void deleteTree(Path dir) throws IOException {
    Commands.Result r = Commands.run(List.of("rm", "-rf", "--one-file-system", dir.toString()));
    if (!r.ok()) {
      throw new IOException("cannot remove " + dir + ": " + r.err().strip());
    }
  }

  /** Bytes of the regular files in a volume (what `system df` shows). */
  static long size(Path dir) {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (var walk = Files.walk(dir)) {
      return walk.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
          .mapToLong(p -> {
            try {
              return Files.size(p);
            } catch (IOException e) {
              return 0;
            }
          })
          .sum();
    } catch (IOException | java.io.UncheckedIOException e) {
      return 0;
    }
  }
}
