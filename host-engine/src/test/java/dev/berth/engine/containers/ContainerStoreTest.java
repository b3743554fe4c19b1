package dev.berth.engine.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state files survive a crash at any point: a folder holds the old state, the new one, or none. */
class ContainerStoreTest {

  @TempDir Path tmp;

  private ContainerStore store() throws IOException {
    return storeIn(tmp);
  }

  /** A store under dir, with the runtime's sockets inside each bundle (other tests use it too). */
  static ContainerStore storeIn(Path dir) throws IOException {
    return new ContainerStore(
        dir.resolve("data"),
        dir.resolve("exec"),
        new ContainerStore.OciRuntimeLocator() {
          @Override
          public Path attachSocket(Path bundle) {
            return bundle.resolve("attach");
          }

          @Override
          public Path ctlFifo(Path bundle) {
            return bundle.resolve("ctl");
          }
        });
  }

  private static Container newContainer(ContainerStore store, String id) {
    return store.newContainer(
        id, "c" + id.substring(0, 4), 42L, new JsonObject().put("Image", "busybox").put("Tty", true),
        new JsonObject().put("AutoRemove", true), "sha256:" + "a".repeat(64), "sh", List.of("-c", "true"),
        List.of(Path.of("/l1"), Path.of("/l2")));
  }

  @Test
  void roundTripKeepsDefinitionAndState() throws IOException {
    ContainerStore store = store();
    Container c = newContainer(store, "1".repeat(64));
    Files.createDirectories(c.dataDir());
    c.markStarted(123, 456, 1000L);
    c.markExited(3, 2000L, "");
    store.save(c);

    List<Path> debris = new ArrayList<>();
    List<Container> loaded = store.loadAll(debris);
    assertTrue(debris.isEmpty());
    assertEquals(1, loaded.size());
    Container back = loaded.get(0);
    assertEquals(c.id(), back.id());
    assertEquals(c.name(), back.name());
    assertEquals(Container.EXITED, back.status());
    assertEquals(3, back.exitCode());
    assertEquals(1000L, back.startedNano());
    assertEquals(2000L, back.finishedNano());
    assertTrue(back.tty());
    assertEquals(List.of("-c", "true"), back.args());
    assertEquals(List.of(Path.of("/l1"), Path.of("/l2")), back.lowerDirs());
    assertEquals(c.attachSocketPath(), back.attachSocketPath());
    assertTrue(back.bundleDir().toString().length() < c.dataDir().toString().length(), "bundle paths stay short");
  }

  @Test
  void interruptedWritesLeaveOldStateOrDebris() throws IOException {
    ContainerStore store = store();
    Container saved = newContainer(store, "2".repeat(64));
    Files.createDirectories(saved.dataDir());
    store.save(saved);
    // a crash in the middle of the next write leaves a temp file beside the old state
    Files.writeString(saved.dataDir().resolve(".state.json.tmp-1-1"), "{\"Id\":\"trunc");
    // a crash during create: the folder exists, its state was never written
    Container half = newContainer(store, "3".repeat(64));
    Files.createDirectories(half.dataDir());
    Files.writeString(half.hostnamePath(), "x\n");
    // a crash that truncated a state file (not possible with atomic writes, but never fatal)
    Path broken = tmp.resolve("data/containers/" + "4".repeat(64));
    Files.createDirectories(broken);
    Files.writeString(broken.resolve("state.json"), "{");

    List<Path> debris = new ArrayList<>();
    List<Container> loaded = store.loadAll(debris);
    assertEquals(1, loaded.size());
    assertEquals(saved.id(), loaded.get(0).id());
    assertEquals(List.of(half.dataDir(), broken).stream().sorted().toList(), debris.stream().sorted().toList());
  }

  @Test
  void deleteRemovesStateFirstAndThenFolders() throws IOException {
    ContainerStore store = store();
    Container c = newContainer(store, "5".repeat(64));
    Files.createDirectories(c.dataDir().resolve("diff/etc"));
    Files.createDirectories(c.bundleDir());
    store.save(c);
    store.delete(c);
    assertFalse(Files.exists(c.dataDir()));
    assertFalse(Files.exists(c.bundleDir()));
    assertTrue(store.loadAll(new ArrayList<>()).isEmpty());
  }
}
