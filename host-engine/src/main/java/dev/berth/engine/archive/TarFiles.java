package dev.berth.engine.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Host files as tar entries, as Docker writes them: PAX long names and big numbers, symlinks
 * stored (never followed), devices with their numbers, hardlinked files stored once and then as
 * links, sockets left out. Serves `docker cp` (archive GET) and commit's layer diffs.
 */
public final class TarFiles {

  public static final int DIR = 0040000;
  public static final int CHAR_DEVICE = 0020000;
  public static final int REGULAR = 0100000;

  private final TarArchiveOutputStream tar;
  private final Map<String, String> inodes = new HashMap<>();

  public TarFiles(OutputStream out) {
    tar = new TarArchiveOutputStream(out, "UTF-8");
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
  }

  /** lstat: the "unix:*" attributes of the file itself. */
  public static Map<String, Object> attributes(Path file) throws IOException {
    return Files.readAttributes(file, "unix:*", LinkOption.NOFOLLOW_LINKS);
  }

  /** The file type bits (S_IFMT) of {@link #attributes}. */
  public static int type(Map<String, Object> a) {
    return (Integer) a.get("mode") & 0170000;
  }

  /**
   * Writes the entry for {@code file} (with its content when it is a regular file) under
   * {@code name}; a directory's entry only (the caller walks it). Sockets are skipped.
   */
  public void add(Path file, String name, Map<String, Object> a) throws IOException {
    int type = type(a);
    TarArchiveEntry e;
    switch (type) {
      case DIR -> e = new TarArchiveEntry(name + "/", TarConstants.LF_DIR);
      case 0120000 -> {
        e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
        e.setLinkName(Files.readSymbolicLink(file).toString());
      }
      case 0010000 -> e = new TarArchiveEntry(name, TarConstants.LF_FIFO);
      case CHAR_DEVICE, 0060000 -> {
        e = new TarArchiveEntry(name, type == CHAR_DEVICE ? TarConstants.LF_CHR : TarConstants.LF_BLK);
        long rdev = ((Number) a.get("rdev")).longValue();
        e.setDevMajor((int) (((rdev >> 8) & 0xfff) | ((rdev >> 32) & ~0xfffL)));
        e.setDevMinor((int) ((rdev & 0xff) | ((rdev >> 12) & ~0xffL)));
      }
      case REGULAR -> {
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
        return;
      }
    }
    meta(e, a);
    tar.putArchiveEntry(e);
    if (e.isFile() && !e.isLink() && e.getSize() > 0) {
      try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
        in.transferTo(tar);
      }
    }
    tar.closeArchiveEntry();
  }

  /** An empty regular file (a layer's whiteout marker) with the owner and time of {@code a}. */
  public void marker(String name, Map<String, Object> a) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_NORMAL);
    meta(e, a);
    e.setMode(0644);
    tar.putArchiveEntry(e);
    tar.closeArchiveEntry();
  }

  /** Ends the archive (two zero blocks) and flushes; the stream stays open. */
  public void finish() throws IOException {
    tar.finish();
    tar.flush();
  }

  private static void meta(TarArchiveEntry e, Map<String, Object> a) {
    e.setMode((Integer) a.get("mode") & 07777);
    e.setUserId(((Number) a.get("uid")).longValue());
    e.setGroupId(((Number) a.get("gid")).longValue());
    e.setModTime(((FileTime) a.get("lastModifiedTime")).toMillis());
  }
}
