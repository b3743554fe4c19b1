package dev.berth.engine.archive;

import dev.berth.engine.containers.Container;
import dev.berth.engine.containers.ContainerService;
import dev.berth.engine.containers.MountPoints;
import dev.berth.engine.containers.MountPoints.MountPoint;
import dev.berth.engine.errors.EngineException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * `docker cp`: stat, read and write paths of a container, running or stopped (its rootfs is
 * mounted for the call then), through {@link ContainerFs} so that every path stays inside it.
 */
public final class ArchiveService {

  /** Called with the path's stat before the tar is written; returns where to write it. */
  public interface TarSink {
    OutputStream open(String statHeader) throws IOException;
  }

  private final ContainerService containers;

  public ArchiveService(ContainerService containers) {
    this.containers = containers;
  }

  /** HEAD /containers/{id}/archive: the stat header of {@code path}. */
  public String stat(String ref, String path) throws IOException {
    Container c = containers.get(ref);
    return on(c, fs -> locate(fs, c, ref, path).stat().header());
  }

  /** GET /containers/{id}/archive: the stat header, then the tar of {@code path}. */
  public void get(String ref, String path, TarSink sink) throws IOException {
    Container c = containers.get(ref);
    on(c, fs -> {
      Located l = locate(fs, c, ref, path);
      OutputStream out = sink.open(l.stat().header());
      TarWriter.write(fs, l.containerPath(), l.stat().name(), out);
      return null;
    });
  }

  /** PUT /containers/{id}/archive: extracts a tar into the directory {@code path}. */
  public void put(String ref, String path, InputStream tar, boolean noOverwriteDirNonDir, boolean copyUidGid)
      throws IOException {
    Container c = containers.get(ref);
    String user = c.config().getString("User", "");
    on(c, fs -> {
      // -a: the files take the container user's ids, as dockerd's copyUIDGID does
      int[] owner = copyUidGid && !user.isEmpty() ? containers.userIds(c, user) : null;
      Located l = locate(fs, c, ref, path.endsWith("/") ? path : path + "/");
      if (!l.stat().isDir()) {
        throw EngineException.invalidParameter("extraction point is not a directory");
      }
      MountPoint m = fs.mountOf(l.containerPath());
      if (m != null && !m.rw()) {
        throw EngineException.forbidden("mounted volume is marked read-only");
      }
      if (m == null && c.hostConfig().getBoolean("ReadonlyRootfs", false)) {
        throw EngineException.forbidden("container rootfs is marked read-only");
      }
      TarExtractor.extract(fs, l.containerPath(), tar, new TarExtractor.Options(noOverwriteDirNonDir, owner));
      return null;
    });
  }

  private record Located(String containerPath, PathStat stat) {}

  /**
   * dockerd's ResolvePath: the last component is followed only when the path ends with "/" or
   * "/."; a symlink's stat carries its target, resolved inside the container.
   */
  private static Located locate(ContainerFs fs, Container c, String ref, String path) throws IOException {
    if (path == null || path.isEmpty()) {
      throw EngineException.invalidParameter("path cannot be empty");
    }
    boolean followLast = path.endsWith("/") || path.endsWith("/.");
    String resolved = fs.resolve(path, followLast);
    Path host = fs.host(resolved);
    if (!Files.exists(host, LinkOption.NOFOLLOW_LINKS)) {
      throw EngineException.notFound("Could not find the file " + path + " in container " + ref);
    }
    if (path.endsWith("/") && !Files.isDirectory(host)) {
      throw EngineException.invalidParameter("lstat " + path + ": not a directory");
    }
    String clean = ScopedPath.clean(path);
    String name = clean.equals("/") ? "/" : clean.substring(clean.lastIndexOf('/') + 1);
    String linkTarget = "";
    if (Files.isSymbolicLink(host)) {
      linkTarget = fs.resolve(resolved, true);
    }
    return new Located(resolved, PathStat.of(host, name, linkTarget));
  }

  private interface FsWork<T> {
    T run(ContainerFs fs) throws IOException;
  }

  private <T> T on(Container c, FsWork<T> work) throws IOException {
    return containers.withRootfs(c, rootfs -> work.run(new ContainerFs(rootfs, MountPoints.of(c))));
  }
}
