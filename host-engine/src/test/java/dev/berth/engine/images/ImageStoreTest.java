package dev.berth.engine.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.errors.EngineException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The store on a temp data root: ids, tags, persistence, deletion and layer collection. */
class ImageStoreTest {

  private Path root;

  @BeforeEach
  void setUp() throws IOException {
    root = Files.createTempDirectory(Path.of("/tmp"), "imgstore");
  }

  @AfterEach
  void tearDown() throws IOException {
    FileTrees.delete(root);
  }

  private static byte[] tar(String file, String content) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
      byte[] data = content.getBytes(StandardCharsets.UTF_8);
      TarArchiveEntry e = new TarArchiveEntry(file);
      e.setSize(data.length);
      out.putArchiveEntry(e);
      out.write(data);
      out.closeArchiveEntry();
    }
    return bytes.toByteArray();
  }

  private static ImageStore.Image image(ImageStore store, String file, String content, String cmd) throws IOException {
    LayerStore.Layer layer = store.layers().register(new ByteArrayInputStream(tar(file, content)), null, null);
    JsonObject config = new JsonObject()
        .put("config", new JsonObject().put("Cmd", new JsonArray().add(cmd)))
        .put("created", "2026-01-01T00:00:00Z")
        .put("rootfs", new JsonObject().put("type", "layers").put("diff_ids", new JsonArray().add(layer.diffId())));
    ImageStore.Image image = store.addImage(config.encode().getBytes(StandardCharsets.UTF_8));
    store.layers().unpin(layer.chainId());
    return image;
  }

  @Test
  void imagesAndTagsPersistAcrossReopening() throws IOException {
    ImageStore store = new ImageStore(root);
    ImageStore.Image image = image(store, "a.txt", "hello", "run");
    assertTrue(image.id().matches("sha256:[0-9a-f]{64}"));
    store.tag(Reference.parse("busybox"), image.id());
    store.tag(Reference.parse("localhost:5000/team/app:v1"), image.id());
    assertEquals(5, image.size());

    ImageStore reopened = new ImageStore(root);
    assertEquals(image.id(), reopened.get("busybox:latest").id());
    assertEquals(image.id(), reopened.get("docker.io/library/busybox").id());
    assertEquals(image.id(), reopened.get(image.id().substring(7, 19)).id());
    assertEquals(image.id(), reopened.get("localhost:5000/team/app:v1").id());
    ImageLookup.ImageInfo info = reopened.resolve("busybox");
    assertEquals(new JsonArray().add("run"), info.config().getJsonArray("Cmd"));
    assertEquals(1, info.lowerDirs().size());
    assertEquals("hello", Files.readString(info.lowerDirs().get(0).resolve("a.txt")));
    EngineException missing = assertThrows(EngineException.class, () -> reopened.resolve("nope"));
    assertEquals("No such image: nope", missing.getMessage());
  }

  @Test
  void deletingCollectsLayersThatNoImageUses() throws IOException {
    ImageStore store = new ImageStore(root);
    ImageStore.Image a = image(store, "shared.txt", "same", "a");
    ImageStore.Image b = image(store, "shared.txt", "same", "b");
    ImageStore.Image c = image(store, "own.txt", "other", "c");
    assertEquals(a.chainIds(), b.chainIds());
    assertTrue(store.delete(a.id(), id -> false).isEmpty(), "b still uses the layer");
    assertEquals(1, store.delete(b.id(), id -> false).size());
    assertFalse(Files.exists(store.layers().diffDir(a.chainIds().get(0))));
    assertTrue(Files.exists(store.layers().diffDir(c.chainIds().get(0))));
    assertEquals(1, store.count());
  }

  @Test
  void aDeletedImageThatContainersUseKeepsItsLayersUntilTheyAreGone() throws IOException {
    ImageStore store = new ImageStore(root);
    ImageStore.Image used = image(store, "u.txt", "used", "u");
    ImageStore.Image other = image(store, "o.txt", "other", "o");
    assertTrue(store.delete(used.id(), id -> id.equals(used.id())).isEmpty());
    assertNull(store.find(used.id()));
    assertTrue(Files.exists(store.layers().diffDir(used.chainIds().get(0))));

    // survives a restart, then goes with the next collection once no container uses it
    ImageStore reopened = new ImageStore(root);
    assertNull(reopened.find(used.id()));
    assertEquals(2, reopened.delete(other.id(), id -> false).size());
    assertFalse(Files.exists(reopened.layers().diffDir(used.chainIds().get(0))));
  }

  @Test
  void registeringWithTheWrongDiffIdStoresNothing() throws IOException {
    ImageStore store = new ImageStore(root);
    String wrong = "sha256:" + "0".repeat(64);
    assertThrows(IOException.class, () -> store.layers().register(new ByteArrayInputStream(tar("x", "y")), null, wrong));
    assertTrue(store.layers().all().isEmpty());
    try (var s = Files.list(root.resolve("overlay"))) {
      assertEquals(0, s.count());
    }
  }

  @Test
  void tagsMoveAndUntagReportsAbsence() throws IOException {
    ImageStore store = new ImageStore(root);
    ImageStore.Image one = image(store, "1", "1", "1");
    ImageStore.Image two = image(store, "2", "2", "2");
    assertNull(store.tag(Reference.parse("x:1"), one.id()));
    assertEquals(one.id(), store.tag(Reference.parse("x:1"), two.id()));
    assertNotNull(store.storedRef("x:1"));
    assertNull(store.storedRef(two.id()));
    assertTrue(store.untag(Reference.parse("x:1")));
    assertFalse(store.untag(Reference.parse("x:1")));
    assertThrows(IllegalStateException.class, () -> store.delete("sha256:" + "9".repeat(64), id -> false));
  }
}
