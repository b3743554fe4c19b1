package dev.berth.engine.it.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.it.Cli;
import dev.berth.engine.it.Engines;
import dev.berth.engine.it.TestEngine;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;

/** Berth's image store survives restarts and a kill -9 in the middle of an import. */
class ImageStoreCrashIT {

  @Test
  void imagesAndTagsSurviveKillNine() {
    try (Engines.OwnedEngine owned = Engines.freshBerth()) {
      TestEngine berth = owned.engine();
      String repo = ImagesSupport.unique("crash");
      String a = ImagesSupport.importBusybox(berth, repo + ":a", "LABEL v=a");
      ImagesSupport.importBusybox(berth, repo + ":b", "LABEL v=b");
      assertTrue(berth.docker("tag", repo + ":a", repo + ":c").ok());
      assertTrue(berth.docker("rmi", repo + ":b").ok());
      String before = berth.docker("images", "--no-trunc", "--format", "{{.Repository}}:{{.Tag}} {{.ID}} {{.Size}}").outTrim();

      berth.kill9AndRestart();
      assertEquals(before, berth.docker("images", "--no-trunc", "--format", "{{.Repository}}:{{.Tag}} {{.ID}} {{.Size}}").outTrim());
      assertEquals(a, ImagesSupport.inspect(berth, repo + ":c", "{{.Id}}"));
      Path archive = ImagesSupport.tempFile(".tar");
      assertTrue(berth.docker("save", "-o", archive.toString(), repo + ":a").ok());
    }
  }

  @Test
  void killNineDuringAnImportLeavesAReadableStore() throws Exception {
    Path big = bigLayer();
    try (Engines.OwnedEngine owned = Engines.freshBerth()) {
      TestEngine berth = owned.engine();
      String kept = ImagesSupport.importBusybox(berth, ImagesSupport.unique("kept"));
      String name = ImagesSupport.unique("interrupted");
      // a slow upload, so that the engine dies with the layer half-written
      Process upload = new ProcessBuilder("curl", "-s", "--limit-rate", "2M", "--unix-socket", berth.socket().toString(),
          "-H", "Content-Type: application/x-tar", "-X", "POST", "--data-binary", "@" + big,
          "http://x/v1.51/images/create?fromSrc=-&repo=" + name).redirectErrorStream(true).start();
      long deadline = System.currentTimeMillis() + 20_000;
      while (System.currentTimeMillis() < deadline && !hasTempFolder(berth)) {
        Thread.sleep(50);
      }
      assertTrue(hasTempFolder(berth), "the import never started");
      berth.kill9AndRestart();
      upload.waitFor(30, TimeUnit.SECONDS);
      upload.destroyForcibly();

      assertFalse(berth.docker("image", "inspect", name).ok());
      assertEquals(kept, ImagesSupport.inspect(berth, kept, "{{.Id}}"));
      assertFalse(hasTempFolder(berth), "temp folders survived the restart");
      Cli.Result again = berth.docker("import", big.toString(), name);
      assertTrue(again.ok(), again::toString);
    }
  }

  private static boolean hasTempFolder(TestEngine berth) throws Exception {
    Path overlay = berth.dataRoot().resolve("overlay");
    if (!Files.isDirectory(overlay)) {
      return false;
    }
    try (var s = Files.list(overlay)) {
      return s.anyMatch(p -> p.getFileName().toString().startsWith(".tmp-"));
    }
  }

  /** A layer of 48 MB of incompressible data: slow enough to interrupt. */
  private static Path bigLayer() throws Exception {
    Path tar = ImagesSupport.tempFile(".tar");
    try (OutputStream out = Files.newOutputStream(tar); TarArchiveOutputStream t = new TarArchiveOutputStream(out)) {
      byte[] chunk = new byte[1 << 20];
      Random random = new Random(1);
      TarArchiveEntry e = new TarArchiveEntry("big.bin");
      e.setSize(48L << 20);
      t.putArchiveEntry(e);
      for (int i = 0; i < 48; i++) {
        random.nextBytes(chunk);
        t.write(chunk);
      }
      t.closeArchiveEntry();
    }
    return tar;
  }
}
