package dev.berth.gateway.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.berth.gateway.hosts.HostChanges;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** When a kept container list is served, and when the engine is asked again. */
class ContainerListCacheTest {

  private static final Duration MAX_AGE = Duration.ofSeconds(1);

  private final AtomicLong clock = new AtomicLong(1_000_000_000L);
  private HostChanges changes;
  private final List<String> watched = new ArrayList<>();
  private ContainerListCache cache;
  /** "host:source" of every list, as /metrics counts them. */
  private final List<String> sources = new ArrayList<>();
  /** Every read asked of the "engine", answered only when the test completes it. */
  private final List<Promise<ContainerList.Listed>> reads = new ArrayList<>();

  @BeforeEach
  void setUp() {
    changes = new HostChanges();
    changes.watchWith(new HostChanges.Watcher() {
      @Override
      public void watch(String hostId) {
        watched.add(hostId);
      }

      @Override
      public void unwatch(String hostId) {
        watched.remove(hostId);
      }

      @Override
      public void reconnect(String hostId) {
      }
    });
    cache = new ContainerListCache(changes, MAX_AGE, counted(), clock::get);
  }

  private ListCounter counted() {
    return (host, source) -> sources.add(host + ":" + source);
  }

  private Supplier<Future<ContainerList.Listed>> engine() {
    return () -> {
      Promise<ContainerList.Listed> p = Promise.promise();
      reads.add(p);
      return p.future();
    };
  }

  private static ContainerList.Listed listed(int bytes) {
    return new ContainerList.Listed(List.of(), bytes);
  }

  /** The host is watched (asked about once) and its event feed is connected. */
  private void feedLive(String host) {
    changes.version(host);
    changes.feed(host, true);
  }

  /** Lists and, when the engine was asked, answers with a new list; returns what the caller got. */
  private ContainerList.Listed list(String host, String query) {
    int before = reads.size();
    Future<ContainerList.Listed> f = cache.get(host, query, false, engine());
    if (reads.size() > before) {
      reads.get(reads.size() - 1).complete(listed(100));
    }
    return f.result();
  }

  @Test
  void nothingIsKeptUntilTheHostsFeedIsConnected() {
    list("h", "/containers/json");
    assertEquals(List.of("h"), watched, "the first list starts watching the host");
    list("h", "/containers/json");
    assertEquals(2, reads.size(), "no feed: every list asks the engine");
    assertEquals(List.of("h:engine", "h:engine"), sources);
    assertEquals(0, cache.size());
  }

  @Test
  void aKeptListIsServedUntilTheHostChanges() {
    feedLive("h");
    ContainerList.Listed first = list("h", "/containers/json");
    assertSame(first, list("h", "/containers/json"));
    assertSame(first, list("h", "/containers/json"));
    assertEquals(1, reads.size());
    list("h", "/containers/json?all=1");
    assertEquals(2, reads.size(), "another engine query is another list");

    changes.changed("h");
    ContainerList.Listed second = list("h", "/containers/json");
    assertEquals(3, reads.size(), "an event or a write: asked again");
    assertSame(second, list("h", "/containers/json"));

    changes.changed("other");
    assertSame(second, list("h", "/containers/json"), "another host's change does not count");
    assertEquals(List.of("h:engine", "h:kept", "h:kept", "h:engine", "h:engine", "h:kept", "h:kept"), sources);
  }

  @Test
  void aListIsKeptForAtMostMaxAge() {
    feedLive("h");
    ContainerList.Listed first = list("h", "q");
    clock.addAndGet(MAX_AGE.toNanos() - 1);
    assertSame(first, list("h", "q"));
    clock.addAndGet(1);
    list("h", "q");
    assertEquals(2, reads.size());
  }

  @Test
  void aFeedThatDropsOrReconnectsInvalidatesEverything() {
    feedLive("h");
    list("h", "q");
    changes.feed("h", false);
    list("h", "q");
    list("h", "q");
    assertEquals(3, reads.size(), "while down nothing is kept");
    changes.feed("h", true);
    list("h", "q");
    list("h", "q");
    assertEquals(4, reads.size());
  }

  @Test
  void anAnswerReadAcrossAChangeIsNotKept() {
    feedLive("h");
    Future<ContainerList.Listed> during = cache.get("h", "q", false, engine());
    changes.changed("h");
    reads.get(0).complete(listed(1));
    assertEquals(1, during.result().engineBytes(), "the caller still gets its answer");
    list("h", "q");
    assertEquals(2, reads.size(), "but the next list asks again");
  }

  @Test
  void listsAskedWhileOneIsBeingReadShareItUnlessTheHostChanged() {
    feedLive("h");
    Future<ContainerList.Listed> a = cache.get("h", "q", false, engine());
    Future<ContainerList.Listed> b = cache.get("h", "q", false, engine());
    assertEquals(1, reads.size());
    changes.changed("h");
    Future<ContainerList.Listed> c = cache.get("h", "q", false, engine());
    assertEquals(2, reads.size(), "after a change the read in flight may be outdated");
    reads.get(0).complete(listed(1));
    reads.get(1).complete(listed(2));
    assertSame(a.result(), b.result());
    assertEquals(2, c.result().engineBytes());
    assertEquals(List.of("h:engine", "h:shared", "h:engine"), sources);
    assertSame(c.result(), list("h", "q"), "the read made after the change is kept");
  }

  @Test
  void freshAsksTheEngineAndKeepsItsAnswer() {
    feedLive("h");
    list("h", "q");
    Future<ContainerList.Listed> fresh = cache.get("h", "q", true, engine());
    assertEquals(2, reads.size());
    reads.get(1).complete(listed(7));
    assertSame(fresh.result(), list("h", "q"));
  }

  @Test
  void failedReadsAreNotKept() {
    feedLive("h");
    Future<ContainerList.Listed> failed = cache.get("h", "q", false, engine());
    reads.get(0).fail(new IllegalStateException("engine down"));
    assertEquals("engine down", failed.cause().getMessage());
    list("h", "q");
    assertEquals(2, reads.size());
  }

  @Test
  void aRemovedHostsListsAreNeverServedAgainEvenWhenItsIdComesBack() {
    feedLive("h");
    list("h", "q");
    changes.removed("h");
    assertEquals(List.of(), watched);
    feedLive("h");
    list("h", "q");
    assertEquals(2, reads.size());
  }

  @Test
  void aRepointedHostStartsOver() {
    feedLive("h");
    list("h", "q");
    changes.repointed("h");
    list("h", "q");
    assertEquals(2, reads.size(), "down until its feed reconnects");
  }

  @Test
  void zeroMaxAgeKeepsNothing() {
    ContainerListCache off = new ContainerListCache(changes, Duration.ZERO, counted(), clock::get);
    feedLive("h");
    for (int i = 0; i < 3; i++) {
      Future<ContainerList.Listed> f = off.get("h", "q", false, engine());
      reads.get(reads.size() - 1).complete(listed(1));
      assertEquals(1, f.result().engineBytes());
    }
    assertEquals(3, reads.size());
    assertEquals(0, off.size());
  }

  @Test
  void atMostMaxEntriesAndMaxBytesAreKeptLeastRecentlyUsedFirstOut() {
    feedLive("h");
    for (int i = 0; i < ContainerListCache.MAX_ENTRIES + 5; i++) {
      list("h", "q" + i);
    }
    assertEquals(ContainerListCache.MAX_ENTRIES, cache.size());
    int asked = reads.size();
    list("h", "q" + (ContainerListCache.MAX_ENTRIES + 4));
    assertEquals(asked, reads.size(), "the newest is kept");
    list("h", "q0");
    assertEquals(asked + 1, reads.size(), "the eldest went first");

    Future<ContainerList.Listed> huge = cache.get("h", "huge", false, engine());
    reads.get(reads.size() - 1).complete(listed((int) ContainerListCache.MAX_BYTES + 1));
    assertEquals(ContainerListCache.MAX_BYTES + 1, huge.result().engineBytes());
    cache.get("h", "huge", false, engine());
    assertEquals(asked + 3, reads.size(), "a list larger than the whole budget is never kept");

    Future<ContainerList.Listed> big = cache.get("h", "big", false, engine());
    reads.get(reads.size() - 1).complete(listed((int) (ContainerListCache.MAX_BYTES / 2) + 1));
    Future<ContainerList.Listed> big2 = cache.get("h", "big2", false, engine());
    reads.get(reads.size() - 1).complete(listed((int) (ContainerListCache.MAX_BYTES / 2) + 1));
    assertSame(big2.result(), list("h", "big2"));
    int before = reads.size();
    list("h", "big");
    assertEquals(before + 1, reads.size(), "two halves and more exceed the budget: the older went");
    assertEquals(ContainerListCache.MAX_BYTES / 2 + 1, big.result().engineBytes());
  }
}
