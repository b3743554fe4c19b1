package dev.berth.engine.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScopedPathTest {

  @TempDir Path root;

  @Test
  void linksAreFollowedInsideTheRootNeverAboveIt() throws IOException {
    Files.createDirectories(root.resolve("etc"));
    Files.createDirectories(root.resolve("a/b"));
    Files.createSymbolicLink(root.resolve("abs"), Path.of("/etc"));
    Files.createSymbolicLink(root.resolve("a/b/rel"), Path.of("../../../../../../etc"));
    Files.createSymbolicLink(root.resolve("a/up"), Path.of(".."));
    var fs = ScopedPath.under(root);
    assertEquals("/etc/passwd", ScopedPath.resolve("/abs/passwd", fs, true));
    assertEquals("/etc/passwd", ScopedPath.resolve("/a/b/rel/passwd", fs, true));
    assertEquals("/etc/passwd", ScopedPath.resolve("../../../etc/passwd", fs, true));
    assertEquals("/abs", ScopedPath.resolve("/abs", fs, false), "the last link is kept when asked");
    assertEquals("/etc", ScopedPath.resolve("/abs", fs, true));
    // the user's ".." is lexical (dockerd cleans first); a link's ".." is physical
    assertEquals("/etc", ScopedPath.resolve("/abs/../etc", fs, true));
    assertEquals("/etc", ScopedPath.resolve("/a/up/etc", fs, true));
  }

  @Test
  void linkLoopsEnd() throws IOException {
    Files.createSymbolicLink(root.resolve("x"), Path.of("y"));
    Files.createSymbolicLink(root.resolve("y"), Path.of("x"));
    assertThrows(IOException.class, () -> ScopedPath.resolve("/x/z", ScopedPath.under(root), true));
  }

  @Test
  void cleanIsLexical() {
    assertEquals("/", ScopedPath.clean("../.."));
    assertEquals("/a/c", ScopedPath.clean("a/./b/../c/"));
  }
}
