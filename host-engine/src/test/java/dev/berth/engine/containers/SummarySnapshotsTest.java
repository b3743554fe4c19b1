package dev.berth.engine.containers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A list entry is the snapshot's bytes plus this list's Status, and a snapshot lives exactly as long as its stamp. */
class SummarySnapshotsTest {

  private static final long SECOND = 1_000_000_000L;

  @TempDir Path tmp;

  /** A package that lists a value of its own, as networking lists Ports, with a stamp it replaces. */
  private static class ValueHook implements ContainerHook {
    volatile Object stamp = new Object();
    volatile String value = "first";
    volatile String suffix = "";

    @Override
    public void summarize(Container c, JsonObject summary) {
      summary.put("Mounts", new JsonArray().add(new JsonObject().put("Name", value)));
    }

    @Override
    public Object summaryStamp(Container c) {
      return new Object[] {stamp, null}; // a new array of the same references each time
    }

    @Override
    public String statusSuffix(Container c) {
      return suffix;
    }
  }

  private final ValueHook hook = new ValueHook();
  private SummarySnapshots snapshots;
  private ContainerStore store;

  @BeforeEach
  void setUp() throws IOException {
    ContainerHooks hooks = new ContainerHooks();
    hooks.add(hook);
    snapshots = new SummarySnapshots(hooks);
    store = ContainerStoreTest.storeIn(tmp);
  }

  private Container container(String id, JsonObject labels) {
    return store.newContainer(
        id, "web-" + id.charAt(0), 1_700_000_000L * SECOND, new JsonObject().put("Image", "busybox").put("Labels", labels),
        new JsonObject().put("NetworkMode", "none"), "sha256:" + "a".repeat(64), "sh", List.of("-c", "sleep 1"),
        List.of(Path.of("/l1")));
  }

  private static byte[] bytes(SummarySnapshots.Listed e) {
    Buffer b = Buffer.buffer();
    e.appendTo(b);
    return b.getBytes();
  }

  @Test
  void anEntryHasTheBytesOfTheWholeSummaryWithThisListsStatus() {
    // a label named Status, quotes, non-ASCII: none of it may be taken for the entry's Status
    Container c = container("1".repeat(64), new JsonObject().put("Status", "").put("q", "say \"hi\" \u00e9\u4e2d"));
    c.markStarted(10, 11, 1_700_000_100L * SECOND);
    hook.suffix = " (health: \"odd\")";
    SummarySnapshots.Listed e = snapshots.listed(c, 1_700_000_105L * SECOND);
    assertEquals("Up 5 seconds (health: \"odd\")", e.status().text());
    JsonObject expected = ContainerViews.summary(c, false);
    hook.summarize(c, expected);
    expected.put("Status", "Up 5 seconds (health: \"odd\")");
    assertArrayEquals(expected.toBuffer().getBytes(), bytes(e));
    assertEquals(expected, new JsonObject(Buffer.buffer(bytes(e))));
  }

  @Test
  void theStatusIsWrittenAtEachListFromTheSameSnapshot() {
    Container c = container("2".repeat(64), new JsonObject());
    c.markStarted(10, 11, 1_700_000_100L * SECOND);
    SummarySnapshots.Listed first = snapshots.listed(c, 1_700_000_101L * SECOND);
    SummarySnapshots.Listed later = snapshots.listed(c, 1_700_000_220L * SECOND);
    assertSame(first.snapshot(), later.snapshot());
    assertEquals("Up 1 second", new JsonObject(Buffer.buffer(bytes(first))).getString("Status"));
    assertEquals("Up 2 minutes", new JsonObject(Buffer.buffer(bytes(later))).getString("Status"));
  }

  @Test
  void aSnapshotIsMadeAgainWhenItsStampChanges() {
    Container c = container("3".repeat(64), new JsonObject());
    SummarySnapshots.Snapshot s0 = snapshots.of(c);
    assertSame(s0, snapshots.of(c), "nothing changed: the same bytes");

    hook.value = "second";
    hook.stamp = new Object();
    SummarySnapshots.Snapshot s1 = snapshots.of(c);
    assertNotSame(s0, s1);
    assertEquals("second", s1.summary().getJsonArray("Mounts").getJsonObject(0).getString("Name"));

    c.markStarted(10, 11, 1_700_000_100L * SECOND);
    SummarySnapshots.Snapshot s2 = snapshots.of(c);
    assertNotSame(s1, s2);
    assertEquals("running", s2.summary().getString("State"));

    c.rename("renamed");
    SummarySnapshots.Snapshot s3 = snapshots.of(c);
    assertNotSame(s2, s3);
    assertEquals(new JsonArray().add("/renamed"), s3.summary().getJsonArray("Names"));
    assertSame(s3, snapshots.of(c));
  }

  @Test
  void aChangeWhileTheEntryIsBuiltIsSeenAtTheNextList() {
    Container c = container("4".repeat(64), new JsonObject());
    // summarize sees the new value, but the stamp was read before it was replaced
    ContainerHooks hooks = new ContainerHooks();
    ValueHook racing = new ValueHook() {
      @Override
      public void summarize(Container c, JsonObject summary) {
        super.summarize(c, summary);
        stamp = new Object();
      }
    };
    hooks.add(racing);
    SummarySnapshots own = new SummarySnapshots(hooks);
    SummarySnapshots.Snapshot s0 = own.of(c);
    assertNotSame(s0, own.of(c), "the stamp kept with the entry is the one read before summarize");
  }

  @Test
  void goneContainersAreDropped() {
    Container a = container("5".repeat(64), new JsonObject());
    Container b = container("6".repeat(64), new JsonObject());
    snapshots.of(a);
    snapshots.of(b);
    assertEquals(2, snapshots.size());
    snapshots.keepOnly(List.of(b));
    assertEquals(1, snapshots.size());
    snapshots.forget(b.id());
    assertEquals(0, snapshots.size());
  }

  @Test
  void stampsCompareByIdentityIntoNestedArrays() {
    Object x = new Object();
    assertEquals(true, SummarySnapshots.sameRefs(new Object[] {x, new Object[] {x, null}}, new Object[] {x, new Object[] {x, null}}));
    assertEquals(false, SummarySnapshots.sameRefs(new Object[] {x, new Object[] {x}}, new Object[] {x, new Object[] {new Object()}}));
    assertEquals(false, SummarySnapshots.sameRefs(new String("a"), new String("a")), "equal but replaced is a change");
    assertEquals(false, SummarySnapshots.sameRefs(new Object[] {x}, new Object[] {x, x}));
  }
}
