package dev.berth.engine.archive;

import dev.berth.engine.errors.EngineException;
import dev.berth.engine.images.Posix;
import dev.berth.engine.runtime.Commands;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Extracts a client's tar into a container directory (PUT /archive), as dockerd's chrooted
 * untar does: every entry's parent is resolved inside the container (symlinks followed within
 * it), an entry that climbs out with ".." is refused, hardlinks must point inside, and owners,
 * modes and times come from the tar unless the caller overrides the owner.
 */
final class TarExtractor {

  /** Where and how: {@code owner} null keeps the tar's uid/gid. */
  record Options(boolean noOverwriteDirNonDir, int[] owner) {}

  private record DirTime(Path dir, long millis) {}

  private final ContainerFs fs;
  private final String dest;
  private final Options options;
  private final List<DirTime> dirTimes = new ArrayList<>();

  private TarExtractor(ContainerFs fs, String dest, Options options) {
    this.fs = fs;
    this.dest = dest;
    this.options = options;
  }

  static void extract(ContainerFs fs, String destDir, InputStream in, Options options) throws IOException {
    TarExtractor x = new TarExtractor(fs, destDir, options);
    TarArchiveInputStream tar = new TarArchiveInputStream(in, "UTF-8");
    TarArchiveEntry e;
    while ((e = tar.getNextEntry()) != null) {
      x.apply(e, tar);
    }
    for (int i = x.dirTimes.size() - 1; i >= 0; i--) {
      DirTime d = x.dirTimes.get(i);
      Posix.lutimes(d.dir(), d.millis() / 1000, (int) (d.millis() % 1000) * 1_000_000);
    }
  }

  private void apply(TarArchiveEntry e, InputStream data) throws IOException {
    String rel = inside(e.getName());
    if (rel.isEmpty()) {
      return;
    }
    int slash = rel.lastIndexOf('/');
    String base = rel.substring(slash + 1);
    String parent = parentDir(slash < 0 ? "" : rel.substring(0, slash), e.getName());
    String targetPath = join(parent, base);
    Path target = fs.host(targetPath);
    boolean exists = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
    boolean existingDir = exists && Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS);
    if (exists && options.noOverwriteDirNonDir()) {
      if (existingDir && !e.isDirectory()) {
        throw EngineException.invalidParameter(
            "cannot overwrite directory \"" + targetPath + "\" with non-directory \"" + e.getName() + "\"");
      }
      if (!existingDir && e.isDirectory()) {
        throw EngineException.invalidParameter(
            "cannot overwrite non-directory \"" + targetPath + "\" with directory \"" + e.getName() + "\"");
      }
    }
    if (exists && !(existingDir && e.isDirectory())) {
      delete(target, existingDir);
    }
    if (e.isDirectory()) {
      if (!existingDir) {
        Files.createDirectory(target);
      }
      dirTimes.add(new DirTime(target, e.getModTime().getTime()));
    } else if (e.isLink()) {
      String source = fs.resolve(join(dest, inside(e.getLinkName())), false);
      Path sourceHost = fs.host(source);
      if (!Files.isRegularFile(sourceHost, LinkOption.NOFOLLOW_LINKS)) {
        throw EngineException.invalidParameter("invalid hardlink " + e.getName() + " -> " + e.getLinkName());
      }
      Files.createLink(target, sourceHost);
      return;
    } else if (e.isSymbolicLink()) {
      Files.createSymbolicLink(target, Path.of(e.getLinkName()));
    } else if (e.isCharacterDevice() || e.isBlockDevice() || e.isFIFO()) {
      int type = e.isCharacterDevice() ? Posix.S_IFCHR : e.isBlockDevice() ? Posix.S_IFBLK : Posix.S_IFIFO;
      Posix.mknod(target, type, e.getMode(), e.getDevMajor(), e.getDevMinor());
    } else if (e.isFile()) {
      try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
        data.transferTo(out);
      }
    } else {
      throw EngineException.invalidParameter("unsupported tar entry type for " + e.getName());
    }
    int[] owner = options.owner();
    Posix.lchown(target, owner != null ? owner[0] : (int) e.getLongUserId(), owner != null ? owner[1] : (int) e.getLongGroupId());
    if (!e.isSymbolicLink()) {
      Posix.chmod(target, e.getMode());
    }
    if (!e.isDirectory()) {
      long ms = e.getModTime().getTime();
      Posix.lutimes(target, ms / 1000, (int) (ms % 1000) * 1_000_000);
    }
  }

  /**
   * The entry's parent folder, walked from the destination: a missing folder is created, a
   * symlink is followed inside the container and must lead to an existing folder (as dockerd's
   * chrooted untar, which never creates folders at a link's target).
   */
  private String parentDir(String relParent, String entry) throws IOException {
    String current = dest;
    for (String part : relParent.isEmpty() ? new String[0] : relParent.split("/")) {
      String next = join(current, part);
      Path host = fs.host(next);
      if (Files.isSymbolicLink(host)) {
        next = fs.resolve(next, true);
        host = fs.host(next);
        if (!Files.isDirectory(host, LinkOption.NOFOLLOW_LINKS)) {
          throw EngineException.invalidParameter("cannot extract " + entry + ": " + next + ": no such directory");
        }
      } else if (!Files.exists(host, LinkOption.NOFOLLOW_LINKS)) {
        Files.createDirectory(host);
      } else if (!Files.isDirectory(host, LinkOption.NOFOLLOW_LINKS)) {
        throw EngineException.invalidParameter("cannot extract " + entry + ": " + next + " is not a directory");
      }
      current = next;
    }
    return current;
  }

  /** The entry's path relative to the destination; ".." that would climb above it is refused. */
  private String inside(String name) {
    List<String> parts = new ArrayList<>();
    for (String p : name.split("/")) {
      if (p.isEmpty() || p.equals(".")) {
        continue;
      }
      if (p.equals("..")) {
        if (parts.isEmpty()) {
          throw EngineException.invalidParameter("\"" + name + "\" is outside of \"" + dest + "\"");
        }
        parts.remove(parts.size() - 1);
        continue;
      }
      parts.add(p);
    }
    return String.join("/", parts);
  }

  private static String join(String dir, String rel) {
    if (rel.isEmpty()) {
      return dir;
    }
    return dir.equals("/") ? "/" + rel : dir + "/" + rel;
  }

  private static void delete(Path p, boolean dir) throws IOException {
    if (!dir) {
      Files.delete(p);
      return;
    }
    Commands.Result r = Commands.run(List.of("rm", "-rf", "--one-file-system", p.toString()));
    if (!r.ok()) {
      throw new IOException("cannot replace " + p + ": " + r.err().strip());
    }
  }
}
