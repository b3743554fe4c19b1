package dev.berth.engine.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Layer unpacking: metadata kept, whiteouts in overlay form (checked with a real overlay mount). */
class TarUnpackerTest {

  private Path work;

  @BeforeEach
  void setUp() throws IOException {
    work = Files.createTempDirectory(Path.of("/tmp"), "tarunpack");
  }

  @AfterEach
  void tearDown() throws Exception {
    new ProcessBuilder("umount", work.resolve("merged").toString()).start().waitFor();
    FileTrees.delete(work);
  }

  /** A tar built in memory: each entry is {name, type, content-or-link, mode, uid}. */
  private static byte[] tar(Object[]... entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
      out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Object[] e : entries) {
        String name = (String) e[0];
        byte type = (byte) e[1];
        TarArchiveEntry entry = new TarArchiveEntry(name, type);
        if (type == TarConstants.LF_SYMLINK || type == TarConstants.LF_LINK) {
          entry.setLinkName((String) e[2]);
        }
        entry.setMode((int) e[3]);
        entry.setUserId((int) e[4]);
        entry.setGroupId((int) e[4]);
        if (type == TarConstants.LF_CHR) {
          entry.setDevMajor(1);
          entry.setDevMinor(3);
        }
        byte[] data = type == TarConstants.LF_NORMAL ? ((String) e[2]).getBytes(StandardCharsets.UTF_8) : new byte[0];
        entry.setSize(data.length);
        out.putArchiveEntry(entry);
        out.write(data);
        out.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }

  private static Object[] e(String name, byte type, String data, int mode, int uid) {
    return new Object[] {name, type, data, mode, uid};
  }

  private Path unpack(String dir, byte[] tar) throws IOException {
    Path root = Files.createDirectories(work.resolve(dir));
    TarUnpacker.unpack(new ByteArrayInputStream(tar), root);
    return root;
  }

  @Test
  void keepsModesOwnersLinksAndDevices() throws IOException {
    Path root = unpack("l", tar(
        e("./", TarConstants.LF_DIR, null, 0755, 0),
        e("./bin/", TarConstants.LF_DIR, null, 0755, 0),
        e("./bin/tool", TarConstants.LF_NORMAL, "#!/bin/sh\n", 04755, 0),
        e("./bin/alias", TarConstants.LF_SYMLINK, "tool", 0777, 0),
        e("./bin/hard", TarConstants.LF_LINK, "bin/tool", 04755, 0),
        e("./home/u/file", TarConstants.LF_NORMAL, "x", 0640, 1000),
        e("./tmp/", TarConstants.LF_DIR, null, 01777, 0),
        e("./dev/null", TarConstants.LF_CHR, null, 0666, 0),
        e("./run/fifo", TarConstants.LF_FIFO, null, 0600, 0)));
    assertEquals(04755, mode(root.resolve("bin/tool")));
    assertEquals(01777, mode(root.resolve("tmp")));
    assertEquals(1000, Files.getAttribute(root.resolve("home/u/file"), "unix:uid"));
    assertEquals(0640, mode(root.resolve("home/u/file")));
    assertEquals(Path.of("tool"), Files.readSymbolicLink(root.resolve("bin/alias")));
    assertEquals(Files.getAttribute(root.resolve("bin/tool"), "unix:ino"), Files.getAttribute(root.resolve("bin/hard"), "unix:ino"));
    assertEquals(0020000, (int) Files.getAttribute(root.resolve("dev/null"), "unix:mode") & 0170000);
    assertEquals((1L << 8) | 3L, ((Long) Files.getAttribute(root.resolve("dev/null"), "unix:rdev")).longValue());
    assertEquals(0010000, (int) Files.getAttribute(root.resolve("run/fifo"), "unix:mode") & 0170000);
  }

  @Test
  void whiteoutsHideLowerFilesInARealOverlayMount() throws Exception {
    Path lower = unpack("lower", tar(
        e("keep", TarConstants.LF_NORMAL, "k", 0644, 0),
        e("gone", TarConstants.LF_NORMAL, "g", 0644, 0),
        e("dir/old", TarConstants.LF_NORMAL, "o", 0644, 0)));
    Path upper = unpack("upper", tar(
        e(".wh.gone", TarConstants.LF_NORMAL, "", 0644, 0),
        e("dir/", TarConstants.LF_DIR, null, 0755, 0),
        e("dir/.wh..wh..opq", TarConstants.LF_NORMAL, "", 0644, 0),
        e("dir/new", TarConstants.LF_NORMAL, "n", 0644, 0)));
    // the whiteout is a 0:0 character device, not a file named .wh.gone
    assertFalse(Files.exists(upper.resolve(".wh.gone"), LinkOption.NOFOLLOW_LINKS));
    assertEquals(0020000, (int) Files.getAttribute(upper.resolve("gone"), "unix:mode", LinkOption.NOFOLLOW_LINKS) & 0170000);
    assertEquals(0L, ((Long) Files.getAttribute(upper.resolve("gone"), "unix:rdev", LinkOption.NOFOLLOW_LINKS)).longValue());

    Path merged = Files.createDirectories(work.resolve("merged"));
    Process mount = new ProcessBuilder("mount", "-t", "overlay", "overlay", "-o", "lowerdir=" + upper + ":" + lower, merged.toString())
        .redirectErrorStream(true).start();
    assertEquals(0, mount.waitFor(), new String(mount.getInputStream().readAllBytes()));
    try (var s = Files.list(merged)) {
      assertEquals(Set.of("keep", "dir"), s.map(p -> p.getFileName().toString()).collect(Collectors.toSet()));
    }
    try (var s = Files.list(merged.resolve("dir"))) {
      assertEquals(List.of("new"), s.map(p -> p.getFileName().toString()).collect(Collectors.toList()));
    }
  }

  @Test
  void refusesEntriesThatLeaveTheLayer() throws IOException {
    assertThrows(IOException.class, () -> unpack("a", tar(e("../escape", TarConstants.LF_NORMAL, "x", 0644, 0))));
    assertThrows(IOException.class, () -> unpack("b", tar(
        e("etc", TarConstants.LF_SYMLINK, "/etc", 0777, 0),
        e("etc/evil", TarConstants.LF_NORMAL, "x", 0644, 0))));
    assertFalse(Files.exists(Path.of("/etc/evil")));
    assertThrows(IOException.class, () -> unpack("c", tar(e("h", TarConstants.LF_LINK, "../../etc/passwd", 0644, 0))));
  }

  @Test
  void cleanStripsDotsAndSlashes() throws IOException {
    assertEquals("a/b", TarUnpacker.clean("./a//b/"));
    assertEquals("", TarUnpacker.clean("./"));
    assertThrows(IOException.class, () -> TarUnpacker.clean("a/../../b"));
  }

  private static int mode(Path p) throws IOException {
    return (int) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
  }
}
