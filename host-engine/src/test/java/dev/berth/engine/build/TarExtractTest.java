package dev.berth.engine.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Archives (the context, ADD) and COPY destinations stay inside their root, whatever links they hold. */
class TarExtractTest {

  private static byte[] tar(Object... entries) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveOutputStream t = new TarArchiveOutputStream(out)) {
      for (int i = 0; i < entries.length; i += 2) {
        String name = (String) entries[i];
        String body = (String) entries[i + 1];
        TarArchiveEntry e;
        if (body.startsWith("->")) {
          e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
          e.setLinkName(body.substring(2));
        } else {
          e = new TarArchiveEntry(name);
          e.setSize(body.length());
        }
        t.putArchiveEntry(e);
        if (!body.startsWith("->")) {
          t.write(body.getBytes(StandardCharsets.UTF_8));
        }
        t.closeArchiveEntry();
      }
    }
    return out.toByteArray();
  }

  @Test
  void aLinkToTheHostDoesNotCarryWritesOutOfTheRoot(@TempDir Path tmp) throws IOException {
    Path root = Files.createDirectories(tmp.resolve("root"));
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    byte[] evil = tar("esc", "->" + outside, "esc/pwned", "x", "up", "->../../outside", "up/pwned2", "y");
    TarExtract.extract(TarExtract.openArchive(new ByteArrayInputStream(evil)), root, "dest", null);
    try (var s = Files.list(outside)) {
      assertEquals(0, s.count());
    }
    // the links resolve as if the root were "/": their targets land inside it
    assertEquals("x", Files.readString(root.resolve(outside.toString().substring(1)).resolve("pwned")));
    assertTrue(Files.isRegularFile(root.resolve("outside/pwned2")));
  }

  @Test
  void dotDotEntriesAreRefused(@TempDir Path root) throws IOException {
    byte[] evil = tar("../../x", "x");
    assertThrows(IOException.class,
        () -> TarExtract.extract(TarExtract.openArchive(new ByteArrayInputStream(evil)), root, "", null));
    assertFalse(Files.exists(root.getParent().getParent().resolve("x")));
  }

  @Test
  void aPlainFileIsNotAnArchive() throws IOException {
    assertEquals(null, TarExtract.openArchive(new ByteArrayInputStream("just text".getBytes(StandardCharsets.UTF_8))));
  }

  @Test
  void confinedPathsClampAtTheRoot(@TempDir Path root) throws IOException {
    Files.createDirectories(root.resolve("real"));
    Files.createSymbolicLink(root.resolve("abs"), Path.of("/real"));
    Files.createSymbolicLink(root.resolve("rel"), Path.of("../../real"));
    assertEquals(root.resolve("real/f"), ConfinedPath.resolve(root, "/abs/f", true));
    assertEquals(root.resolve("real/f"), ConfinedPath.resolve(root, "rel/f", true));
    assertEquals(root.resolve("abs"), ConfinedPath.resolve(root, "abs", false));
    assertEquals(null, ConfinedPath.clean("a/../../b"));
  }
}
