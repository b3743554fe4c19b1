package dev.berth.engine.archive;

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
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Writes a container path as a tar (GET /archive): the top entry takes the name the client
 * asked for, directories are walked through the container's view (so volumes mounted below are
 * included), symlinks are stored, not followed, and hardlinked files are stored once.
 */
final class TarWriter {

  private final ContainerFs fs;
  private final TarArchiveOutputStream tar;
  private final Map<String, String> inodes = new HashMap<>();

  private TarWriter(ContainerFs fs, OutputStream out) {
    this.fs = fs;
    this.tar = new TarArchiveOutputStream(out, "UTF-8");
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
  }

  static void write(ContainerFs fs, String containerPath, String entryName, OutputStream out) throws IOException {
    TarWriter w = new TarWriter(fs, out);
    w.add(containerPath, entryName);
    w.tar.finish();
    w.tar.flush();
  }

  private void add(String containerPath, String name) throws IOException {
    Path host = fs.host(containerPath);
    Map<String, Object> a = Files.readAttributes(host, "unix:*", LinkOption.NOFOLLOW_LINKS);
    int mode = (Integer) a.get("mode");
    int type = mode & 0170000;
    TarArchiveEntry e;
    switch (type) {
      case 0040000 -> e = new TarArchiveEntry(name + "/", TarConstants.LF_DIR);
      case 0120000 -> {
        e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
        e.setLinkName(Files.readSymbolicLink(host).toString());
      }
      case 0010000 -> e = new TarArchiveEntry(name, TarConstants.LF_FIFO);
      case 0020000, 0060000 -> {
        e = new TarArchiveEntry(name, type == 0020000 ? TarConstants.LF_CHR : TarConstants.LF_BLK);
        long rdev = ((Number) a.get("rdev")).longValue();
        e.setDevMajor((int) (((rdev >> 8) & 0xfff) | ((rdev >> 32) & ~0xfffL)));
        e.setDevMinor((int) ((rdev & 0xff) | ((rdev >> 12) & ~0xffL)));
      }
      case 0100000 -> {
        String key = a.get("dev") + ":" + a.get("ino");
        String first = ((Integer) a.get("nlink")) > 1 ? inodes.putIfAbsent(key, name) : null;
        if (first != null) {
          e = new TarArchiveEntry(name, TarConstants.LF_LINK);
          e.setLinkName(first);
        } else {
          e = new TarArchiveEntry(name, TarConstants.LF_NORMAL);
          e.setSize((Long) a.get("size"));
        }
      }
      default -> {
        return; // sockets are not archived, as with dockerd
      }
    }
    e.setMode(mode & 07777);
    e.setUserId(((Number) a.get("uid")).longValue());
    e.setGroupId(((Number) a.get("gid")).longValue());
    e.setModTime(((FileTime) a.get("lastModifiedTime")).toMillis());
    tar.putArchiveEntry(e);
    if (e.isFile() && !e.isLink() && e.getSize() > 0) {
      try (InputStream in = Files.newInputStream(host, LinkOption.NOFOLLOW_LINKS)) {
        in.transferTo(tar);
      }
    }
    tar.closeArchiveEntry();
    if (type == 0040000) {
      List<String> children = new ArrayList<>();
      try (var s = Files.list(host)) {
        s.forEach(p -> children.add(p.getFileName().toString()));
      }
      children.sort(null);
      String base = containerPath.equals("/") ? "" : containerPath;
      for (String child : children) {
        add(base + "/" + child, name + "/" + child);
      }
    }
  }
}
