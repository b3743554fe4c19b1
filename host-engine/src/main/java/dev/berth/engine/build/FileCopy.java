package dev.berth.engine.build;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Copies files into a root filesystem for COPY and ADD. Targets are never followed when they
 * are links: an existing entry of another kind is replaced, so a write cannot leave the root
 * through a link that the image or an earlier source put there.
 */
final class FileCopy {

  static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

  /** The owner given with --chown, or null to keep the source's (ADD of an archive). */
  record Owner(int uid, int gid) {}

  private FileCopy() {}

  /**
   * Copies {@code src} (a file, link or folder tree) to {@code dst}; a folder's children merge
   * into an existing folder. A null {@code owner} keeps the source's owners.
   */
  static void copy(Path src, Path dst, Owner given) throws IOException {
    Map<String, Object> a = Files.readAttributes(src, "unix:mode,uid,gid,lastModifiedTime", NOFOLLOW);
    Owner owner = given != null ? given : new Owner((Integer) a.get("uid"), (Integer) a.get("gid"));
    int mode = (Integer) a.get("mode") & 07777;
    FileTime mtime = (FileTime) a.get("lastModifiedTime");
    if (Files.isDirectory(src, NOFOLLOW)) {
      boolean created = ensureDir(dst, mode);
      if (created) {
        own(dst, owner);
      }
      List<Path> children = new ArrayList<>();
      try (var s = Files.list(src)) {
        s.forEach(children::add);
      }
      children.sort(Comparator.naturalOrder());
      for (Path c : children) {
        copy(c, dst.resolve(c.getFileName().toString()), given);
      }
      Files.setLastModifiedTime(dst, mtime);
      return;
    }
    replaceNonDir(dst);
    if (Files.isSymbolicLink(src)) {
      Files.createSymbolicLink(dst, Files.readSymbolicLink(src));
    } else if (Files.isRegularFile(src, NOFOLLOW)) {
      Files.copy(src, dst, NOFOLLOW);
      Files.setAttribute(dst, "unix:mode", mode, NOFOLLOW);
      Files.setLastModifiedTime(dst, mtime);
    } else {
      return; // devices, fifos and sockets are not copied
    }
    own(dst, owner);
  }

  /** Creates the missing folders of {@code dir} (mode 0755, owned by {@code owner}). */
  static void mkdirs(Path dir, Owner owner) throws IOException {
    if (Files.isDirectory(dir, NOFOLLOW)) {
      return;
    }
    Path parent = dir.getParent();
    if (parent != null) {
      mkdirs(parent, owner);
    }
    replaceNonDir(dir);
    Files.createDirectory(dir);
    Files.setAttribute(dir, "unix:mode", 0755, NOFOLLOW);
    own(dir, owner);
  }

  /** Makes {@code dir} a folder; true when it had to be created. */
  static boolean ensureDir(Path dir, int mode) throws IOException {
    if (Files.isDirectory(dir, NOFOLLOW)) {
      return false;
    }
    Files.deleteIfExists(dir);
    try {
      Files.createDirectory(dir);
    } catch (FileAlreadyExistsException raced) {
      return false;
    }
    Files.setAttribute(dir, "unix:mode", mode, NOFOLLOW);
    return true;
  }

  /** Removes a file or link at {@code p}; a folder there is an error, as with dockerd. */
  static void replaceNonDir(Path p) throws IOException {
    if (Files.isDirectory(p, NOFOLLOW)) {
      throw new BuildException("cannot overwrite directory " + p.getFileName() + " with non-directory");
    }
    Files.deleteIfExists(p);
  }

  static void own(Path p, Owner owner) throws IOException {
    if (owner != null) {
      Files.setAttribute(p, "unix:uid", owner.uid(), NOFOLLOW);
      Files.setAttribute(p, "unix:gid", owner.gid(), NOFOLLOW);
    }
  }

  static void deleteTree(Path p) {
    if (p == null || !Files.exists(p, NOFOLLOW)) {
      return;
    }
    try (var s = Files.walk(p)) {
      for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(x);
      }
    } catch (IOException e) {
      java.util.logging.Logger.getLogger(FileCopy.class.getName()).warning("cannot delete " + p + ": " + e.getMessage());
    }
  }
}
