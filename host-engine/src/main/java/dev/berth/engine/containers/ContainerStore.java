package dev.berth.engine.containers;

import dev.berth.engine.util.AtomicFiles;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Container folders and their state files. {@code <data-root>/containers/<id>/state.json} is
 * written atomically (temp, fsync, rename), and written last at create and deleted first at
 * removal, so a folder without it is debris of an interrupted create or removal.
 */
final class ContainerStore {

  private static final Logger LOG = Logger.getLogger(ContainerStore.class.getName());
  private static final String STATE = "state.json";

  private final Path containersDir;
  private final Path bundlesDir;
  private final OciRuntimeLocator runtime;

  /** Where the runtime's per-bundle sockets live, so Container can expose them. */
  interface OciRuntimeLocator {
    Path attachSocket(Path bundle);

    Path ctlFifo(Path bundle);
  }

  ContainerStore(Path dataRoot, Path execRoot, OciRuntimeLocator runtime) throws IOException {
    this.containersDir = dataRoot.resolve("containers");
    // short: conmon's attach socket path inside the bundle must fit in 108 bytes
    this.bundlesDir = execRoot.resolve("c");
    this.runtime = runtime;
    Files.createDirectories(containersDir);
    Files.createDirectories(bundlesDir);
  }

  Path dataDir(String id) {
    return containersDir.resolve(id);
  }

  Path bundleDir(String id) {
    return bundlesDir.resolve(id.substring(0, 12));
  }

  Container newContainer(
      String id, String name, long created, JsonObject config, JsonObject hostConfig, String imageId,
      String path, List<String> args, List<Path> lowerDirs) {
    Path bundle = bundleDir(id);
    return new Container(
        id, name, created, config, hostConfig, imageId, path, args, lowerDirs, dataDir(id), bundle,
        runtime.attachSocket(bundle), runtime.ctlFifo(bundle));
  }

  void save(Container c) throws IOException {
    AtomicFiles.writeString(c.dataDir().resolve(STATE), c.toJson().encode());
  }

  /** Every container with a readable state; folders without one are returned as debris. */
  List<Container> loadAll(List<Path> debris) throws IOException {
    List<Container> out = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(containersDir)) {
      for (Path dir : dirs.toList()) {
        Path state = dir.resolve(STATE);
        if (!Files.isRegularFile(state)) {
          debris.add(dir);
          continue;
        }
        try {
          JsonObject j = new JsonObject(Files.readString(state));
          String id = j.getString("Id");
          Path bundle = bundleDir(id);
          out.add(Container.fromJson(j, dir, bundle, runtime.attachSocket(bundle), runtime.ctlFifo(bundle)));
        } catch (RuntimeException e) {
          LOG.warning("unreadable container state " + state + ": " + e.getMessage());
          debris.add(dir);
        }
      }
    }
    return out;
  }

  /** Bundle folders that belong to no known container. */
  List<Path> orphanBundles(List<Container> known) throws IOException {
    List<String> shortIds = known.stream().map(c -> c.id().substring(0, 12)).toList();
    try (Stream<Path> dirs = Files.list(bundlesDir)) {
      return dirs.filter(d -> !shortIds.contains(d.getFileName().toString())).toList();
    }
  }

  /** Forgets the container: state first (durably), then the folders. */
  void delete(Container c) throws IOException {
    Files.deleteIfExists(c.dataDir().resolve(STATE));
    AtomicFiles.fsyncDirectory(c.dataDir());
    deleteTree(c.dataDir());
    deleteTree(c.bundleDir());
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
