package dev.berth.engine.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SocketPathsTest {

  @TempDir Path dir;

  @Test
  void shortPathsStay() throws Exception {
    Path p = dir.resolve("attach");
    assertEquals(p, SocketPaths.shortened(p));
  }

  @Test
  void longPathsGoThroughASymlinkToTheirFolder() throws Exception {
    Path deep = Files.createDirectories(dir.resolve("a".repeat(60)).resolve("b".repeat(60)));
    Path socket = deep.resolve("attach");
    Path shortened = SocketPaths.shortened(socket);
    assertTrue(shortened.toString().length() <= 107, shortened.toString());
    assertEquals("attach", shortened.getFileName().toString());
    assertEquals(deep.toRealPath(), shortened.getParent().toRealPath());
    assertEquals(shortened, SocketPaths.shortened(socket), "the same link serves again");
    Files.delete(shortened.getParent());
  }
}
