package dev.berth.engine.images;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * A container's overlay upper dir as a layer tar: overlay whiteouts (0:0 character devices)
 * become ".wh.NAME" files and opaque directories get ".wh..wh..opq", the AUFS form that layer
 * tars use. The etc files the engine bind-mounts leave empty mount points in the upper dir;
 * dockerd keeps those in an init layer that commit skips, so they are skipped here too.
 */
final class LayerDiff {

  private static final Set<String> MOUNT_POINTS = Set.of("etc/hostname", "etc/hosts", "etc/resolv.conf");

  private final Path upper;
  private final TarArchiveOutputStream tar;
  private final Map<String, String> inodes = new HashMap<>();

  private LayerDiff(Path upper, OutputStream out) {
    this.upper = upper;
    this.tar = new TarArchiveOutputStream(out, "UTF-8");
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
  }

  static void write(Path upper, OutputStream out) throws IOException {
    LayerDiff d = new LayerDiff(upper, out);
    if (Files.isDirectory(upper)) {
      d.children(upper, "");
    }
    d.tar.finish();
    d.tar.flush();
  }

  private void children(Path dir, String prefix) throws IOException {
    List<Path> entries = new ArrayList<>();
    try (var s = Files.list(dir)) {
      s.forEach(entries::add);
    }
    entries.sort(null);
    for (Path p : entries) {
      add(p, prefix + p.getFileName());
    }
  }

  private void add(Path p, String name) throws IOException {
    Map<String, Object> a = Files.readAttributes(p, "unix:*", LinkOption.NOFOLLOW_LINKS);
    int mode = (Integer) a.get("mode");
    int type = mode & 0170000;
    if (type == 0020000 && ((Number) a.get("rdev")).longValue() == 0) {
      int slash = name.lastIndexOf('/');
      marker(name.substring(0, slash + 1) + TarUnpacker.WHITEOUT + name.substring(slash + 1), a);
      return;
    }
    if (type == 0100000 && MOUNT_POINTS.contains(name) && (Long) a.get("size") == 0) {
      return;
    }
    TarArchiveEntry e;
    switch (type) {
      case 0040000 -> e = new TarArchiveEntry(name + "/", TarConstants.LF_DIR);
      case 0120000 -> {
        e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
        e.setLinkName(Files.readSymbolicLink(p).toString());
      }
      case 0010000 -> e = new TarArchiveEntry(name, TarConstants.LF_FIFO);
      case 0020000, 0060000 -> {
        e = new TarArchiveEntry(name, type == 0020000 ? TarConstants.LF_CHR : TarConstants.LF_BLK);
        long rdev = ((Number) a.get("rdev")).longValue();
        e.setDevMajor((int) (((rdev >> 8) & 0xfff) | ((rdev >> 32) & ~0xfffL)));
        e.setDevMinor((int) ((rdev & 0xff) | ((rdev >> 12) & ~0xffL)));
      }
      case 0100000 -> {
        String first = ((Integer) a.get("nlink")) > 1 ? inodes.putIfAbsent(a.get("ino").toString(), name) : null;
        if (first != null) {
          e = new TarArchiveEntry(name, TarConstants.LF_LINK);
          e.setLinkName(first);
        } else {
          e = new TarArchiveEntry(name, TarConstants.LF_NORMAL);
          e.setSize((Long) a.get("size"));
        }
      }
      default -> {
        return; // sockets do not go into layers
      }
    }
    meta(e, a);
    tar.putArchiveEntry(e);
    if (e.isFile() && !e.isLink() && e.getSize() > 0) {
      try (InputStream in = Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS)) {
        in.transferTo(tar);
      }
    }
    tar.closeArchiveEntry();
    if (type == 0040000) {
      if ("y".equals(Posix.lgetxattr(p, "trusted.overlay.opaque"))) {
        marker(name + "/" + TarUnpacker.OPAQUE, a);
      }
      children(p, name + "/");
    }
  }

  private void marker(String name, Map<String, Object> a) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_NORMAL);
    meta(e, a);
    e.setMode(0644);
    tar.putArchiveEntry(e);
    tar.closeArchiveEntry();
  }

  private static void meta(TarArchiveEntry e, Map<String, Object> a) {
    e.setMode((Integer) a.get("mode") & 07777);
    e.setUserId(((Number) a.get("uid")).longValue());
    e.setGroupId(((Number) a.get("gid")).longValue());
    e.setModTime(((FileTime) a.get("lastModifiedTime")).toMillis());
  }
}
