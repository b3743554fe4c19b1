package dev.berth.engine.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.util.Ids;
import io.vertx.core.json.JsonArray;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DistributionMetadataTest {

  private static final String DIFF_ID = digest("layer");

  @TempDir
  Path root;

  private static String digest(String seed) {
    return Ids.digest(seed.getBytes(StandardCharsets.UTF_8));
  }

  private static DistributionMetadata.Entry entry(String seed, String repository) {
    return new DistributionMetadata.Entry(digest(seed), repository, seed.length() * 100L);
  }

  private Path file() {
    return root.resolve("v2metadata-by-diffid/sha256/" + LayerStore.hex(DIFF_ID));
  }

  @Test
  void entriesSurviveAReopenOldestFirstAndRemovalsToo() throws Exception {
    DistributionMetadata store = new DistributionMetadata(root);
    DistributionMetadata.Entry pushed = entry("gz-a", "127.0.0.1:5000/it/a");
    DistributionMetadata.Entry pulled = entry("gz-b", "docker.io/library/busybox");
    DistributionMetadata.Entry gone = entry("gz-c", "127.0.0.1:5000/it/c");
    store.add(DIFF_ID, pushed);
    store.add(DIFF_ID, pulled);
    store.add(DIFF_ID, gone);
    store.add(DIFF_ID, pushed);
    store.remove(DIFF_ID, gone);

    DistributionMetadata reopened = new DistributionMetadata(root);
    assertEquals(List.of(pushed, pulled), reopened.get(DIFF_ID));
    assertEquals("127.0.0.1:5000", pushed.domain());
    assertEquals("it/a", pushed.path());
    assertEquals(List.of(), reopened.get(digest("unknown layer")));
    JsonArray onDisk = new JsonArray(Files.readString(file()));
    assertEquals("docker.io/library/busybox", onDisk.getJsonObject(1).getString("SourceRepository"));
    assertEquals(digest("gz-b"), onDisk.getJsonObject(1).getString("Digest"));
  }

  @Test
  void keepsTheNewestFiftyEntries() throws Exception {
    DistributionMetadata store = new DistributionMetadata(root);
    for (int i = 0; i < DistributionMetadata.MAX_ENTRIES + 5; i++) {
      store.add(DIFF_ID, entry("gz-" + i, "reg:5000/it/r" + i));
    }
    List<DistributionMetadata.Entry> kept = new DistributionMetadata(root).get(DIFF_ID);
    assertEquals(DistributionMetadata.MAX_ENTRIES, kept.size());
    assertEquals(entry("gz-5", "reg:5000/it/r5"), kept.get(0));
    assertEquals(entry("gz-54", "reg:5000/it/r54"), kept.get(kept.size() - 1));
  }

  @Test
  void corruptHalfWrittenAndInvalidContentIsIgnoredAndThenReplaced() throws Exception {
    new DistributionMetadata(root);
    Files.writeString(file(), "[{\"Digest\":\"sha256:0123");
    Path leftover = file().resolveSibling("." + file().getFileName() + ".tmp-1-1");
    Files.writeString(leftover, "[]");
    DistributionMetadata store = new DistributionMetadata(root);
    assertFalse(Files.exists(leftover), "a crashed write's temp file is cleared");
    assertEquals(List.of(), store.get(DIFF_ID));

    // only the well-formed entries of a file count: a path or an odd digest never reaches a URL
    DistributionMetadata.Entry good = entry("gz-good", "127.0.0.1:5000/it/good");
    Files.writeString(file(), "[{\"Digest\":\"" + good.digest() + "\",\"SourceRepository\":\"127.0.0.1:5000/it/good\",\"Size\":"
        + good.size() + "},{\"Digest\":\"../../etc\",\"SourceRepository\":\"r/x\",\"Size\":1},"
        + "{\"Digest\":\"" + digest("x") + "\",\"SourceRepository\":\"no-slash\",\"Size\":1},"
        + "{\"Digest\":\"" + digest("y") + "\",\"SourceRepository\":\"r/y\",\"Size\":\"big\"},7,null]");
    assertEquals(List.of(good), new DistributionMetadata(root).get(DIFF_ID));

    Files.write(file(), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
    DistributionMetadata afterGarbage = new DistributionMetadata(root);
    assertEquals(List.of(), afterGarbage.get(DIFF_ID));
    DistributionMetadata.Entry fresh = entry("gz-fresh", "127.0.0.1:5000/it/fresh");
    afterGarbage.add(DIFF_ID, fresh);
    assertEquals(List.of(fresh), new DistributionMetadata(root).get(DIFF_ID));

    assertThrows(IllegalArgumentException.class, () -> afterGarbage.add(DIFF_ID, new DistributionMetadata.Entry("md5:00", "r/x", 1)));
    assertThrows(IllegalArgumentException.class, () -> afterGarbage.add("sha256:../x", fresh));
    assertEquals(List.of(fresh), new DistributionMetadata(root).get(DIFF_ID));
  }

  @Test
  void concurrentWritersOfOneLayerLoseNothingAndNeverLeaveAPartialFile() throws Exception {
    DistributionMetadata store = new DistributionMetadata(root);
    // a second instance on the same files: its writes may replace the first's, but never tear a file
    DistributionMetadata other = new DistributionMetadata(root);
    AtomicBoolean writing = new AtomicBoolean(true);
    List<String> torn = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(7);
    try {
      Future<?> reader = pool.submit(() -> {
        while (writing.get()) {
          try {
            new JsonArray(Files.readString(file()));
          } catch (NoSuchFileException e) {
            // not written yet
          } catch (Exception e) {
            torn.add(e.toString());
          }
        }
        return null;
      });
      List<Future<?>> writers = new ArrayList<>();
      Set<DistributionMetadata.Entry> mine = new HashSet<>();
      for (int t = 0; t < 4; t++) {
        List<DistributionMetadata.Entry> batch = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
          batch.add(entry("gz-" + t + "-" + i, "127.0.0.1:5000/it/t" + t));
        }
        mine.addAll(batch);
        writers.add(pool.submit(() -> batch.forEach(e -> store.add(DIFF_ID, e))));
      }
      for (int t = 0; t < 2; t++) {
        int n = t;
        writers.add(pool.submit(() -> {
          for (int i = 0; i < 5; i++) {
            other.add(DIFF_ID, entry("other-" + n + "-" + i, "127.0.0.1:5000/it/o" + n));
          }
        }));
      }
      for (Future<?> w : writers) {
        w.get();
      }
      writing.set(false);
      reader.get();
      assertEquals(List.of(), torn);
      assertTrue(store.get(DIFF_ID).containsAll(mine), "one instance's writers are serialised: no entry lost");
      List<DistributionMetadata.Entry> onDisk = new DistributionMetadata(root).get(DIFF_ID);
      assertFalse(onDisk.isEmpty());
      assertTrue(onDisk.size() <= DistributionMetadata.MAX_ENTRIES, onDisk::toString);
      try (var s = Files.list(file().getParent())) {
        assertEquals(List.of(file()), s.toList(), "no temp file is left behind");
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
