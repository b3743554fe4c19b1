package dev.berth.engine.images;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Unpacks one layer tar into an overlay-ready folder: AUFS-style whiteouts become overlay
 * whiteouts (".wh.x" a 0:0 character device, ".wh..wh..opq" the trusted.overlay.opaque
 * xattr), and ownership, modes, symlinks, hardlinks, devices and xattrs are kept. Entries
 * that would leave the folder (.., absolute links, paths through symlinks) are refused.
 */
final class TarUnpacker {

  static final String WHITEOUT = ".wh.";
  static final String OPAQUE = ".wh..wh..opq";

  private final Path root;
  private record DirTime(Path dir, FileTime time) {}

  private final List<DirTime> dirTimes = new ArrayList<>();
  private long size;

  private TarUnpacker(Path root) {
    this.root = root;
  }

  /** Unpacks the tar read from {@code in} into {@code root} (which exists); returns the layer size. */
  static long unpack(InputStream in, Path root) throws IOException {
    TarUnpacker u = new TarUnpacker(root);
    // TarArchiveInputStream does not close or over-read what follows: the caller drains it
    TarArchiveInputStream tar = new TarArchiveInputStream(in, StandardCharsets.UTF_8.name());
    TarArchiveEntry entry;
    while ((entry = tar.getNextEntry()) != null) {
      u.apply(entry, tar);
    }
    // directory times last: creating entries inside them changed their mtime
    for (int i = u.dirTimes.size() - 1; i >= 0; i--) {
      setTime(u.dirTimes.get(i).dir(), u.dirTimes.get(i).time());
    }
    return u.size;
  }

  private void apply(TarArchiveEntry e, InputStream data) throws IOException {
    String name = clean(e.getName());
    if (name.isEmpty()) {
      // the root itself ("./"): keep its metadata
      if (e.isDirectory()) {
        setMeta(root, e);
      }
      return;
    }
    Path target = resolveInside(name);
    Path parent = target.getParent();
    ensureParents(parent);
    String base = target.getFileName().toString();
    if (base.startsWith(WHITEOUT)) {
      if (base.equals(OPAQUE)) {
        Posix.lsetxattr(parent, "trusted.overlay.opaque", "y");
      } else if (!base.startsWith(WHITEOUT + WHITEOUT)) {
        Path hidden = parent.resolve(base.substring(WHITEOUT.length()));
        FileTrees.delete(hidden);
        Posix.mknod(hidden, Posix.S_IFCHR, 0, 0, 0);
      }
      // other .wh..wh.* entries are AUFS metadata without meaning for overlay
      return;
    }
    if (e.isDirectory()) {
      if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
        FileTrees.delete(target);
        Files.createDirectory(target);
      }
      setMeta(target, e);
      dirTimes.add(new DirTime(target, FileTime.from(e.getLastModifiedDate().toInstant())));
      return;
    }
    FileTrees.delete(target);
    if (e.isLink()) {
      Path source = resolveInside(clean(e.getLinkName()));
      if (!Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)
          && !Files.isSymbolicLink(source)) {
        throw new IOException("invalid hardlink " + name + " -> " + e.getLinkName());
      }
      Files.createLink(target, source);
      return;
    } else if (e.isSymbolicLink()) {
      Files.createSymbolicLink(target, Path.of(e.getLinkName()));
      size += e.getLinkName().getBytes(StandardCharsets.UTF_8).length;
    } else if (e.isCharacterDevice() || e.isBlockDevice() || e.isFIFO()) {
      int type = e.isCharacterDevice() ? Posix.S_IFCHR : e.isBlockDevice() ? Posix.S_IFBLK : Posix.S_IFIFO;
      Posix.mknod(target, type, e.getMode(), e.getDevMajor(), e.getDevMinor());
    } else if (e.isFile()) {
      try (OutputStream out = Files.newOutputStream(target)) {
        data.transferTo(out);
      }
      size += e.getSize();
    } else {
      throw new IOException("unsupported tar entry type for " + name);
    }
    setMeta(target, e);
    setTime(target, FileTime.from(e.getLastModifiedDate().toInstant()));
  }

  private void setMeta(Path path, TarArchiveEntry e) throws IOException {
    Posix.lchown(path, (int) e.getLongUserId(), (int) e.getLongGroupId());
    if (!e.isSymbolicLink()) {
      // after chown: chown clears setuid/setgid bits
      Posix.chmod(path, e.getMode());
    }
    for (Map.Entry<String, String> x : e.getExtraPaxHeaders().entrySet()) {
      if (x.getKey().startsWith("SCHILY.xattr.")) {
        String attr = x.getKey().substring("SCHILY.xattr.".length());
        if (!attr.startsWith("trusted.overlay.")) {
          Posix.lsetxattr(path, attr, x.getValue().getBytes(StandardCharsets.ISO_8859_1));
        }
      }
    }
  }

  /** Strips "./" and leading "/", refuses "..": the path relative to the layer root. */
  static String clean(String name) throws IOException {
    List<String> parts = new ArrayList<>();
    for (String p : name.split("/")) {
      if (p.isEmpty() || p.equals(".")) {
        continue;
      }
      if (p.equals("..")) {
        throw new IOException("invalid tar entry " + name + ": path leaves the layer");
      }
      parts.add(p);
    }
    return String.join("/", parts);
  }

  /** The path under root; every existing ancestor must be a real directory, not a symlink. */
  private Path resolveInside(String relative) throws IOException {
    Path p = root.resolve(relative).normalize();
    if (!p.startsWith(root)) {
      throw new IOException("invalid tar entry " + relative + ": path leaves the layer");
    }
    for (Path a = p.getParent(); a != null && !a.equals(root); a = a.getParent()) {
      if (Files.isSymbolicLink(a)) {
        throw new IOException("invalid tar entry " + relative + ": path goes through a symlink");
      }
    }
    return p;
  }

  private void ensureParents(Path dir) throws IOException {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      // a layer may list a file before its directory (or not list the directory at all)
      Files.createDirectories(dir);
    }
  }

  private static void setTime(Path p, FileTime t) throws IOException {
    java.time.Instant i = t.toInstant();
    Posix.lutimes(p, i.getEpochSecond(), i.getNano());
  }
}
