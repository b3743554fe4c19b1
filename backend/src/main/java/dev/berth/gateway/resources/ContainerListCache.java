package dev.berth.gateway.resources;

import dev.berth.gateway.hosts.HostChanges;
import io.vertx.core.Future;

import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Each host's container lists, kept between requests while nothing on the host has changed: the
 * watch cache of Kubernetes' API server, in small. Dashboards poll lists, and many users polling one
 * host would otherwise each cost the engine a full list.
 *
 * <p>A kept list is served only while all of these hold:
 * <ul>
 *   <li>the host's version ({@link HostChanges}) is the one it had when the list was asked of the
 *       engine: no engine event, no write through the gateway and no drop of the host's event
 *       feed since. While no feed is connected, nothing is kept;</li>
 *   <li>it was asked of the engine less than maxAge ago: its "Up 5 minutes" texts age, and an
 *       engine that tells an event before its list shows the change is outdone within maxAge.</li>
 * </ul>
 * A list asked while the same one is already being read, with no change since, waits for that
 * read instead of asking the engine again. Lists are kept per host and engine query (all, filters);
 * sorting and paging are done on the kept views. At most {@link #MAX_ENTRIES} lists and
 * {@link #MAX_BYTES} of engine answers are kept, least recently used first out.
 */
final class ContainerListCache {

  static final int MAX_ENTRIES = 32;
  static final long MAX_BYTES = 16L << 20;

  private record Entry(long version, long askedAt, ContainerList.Listed listed) {
  }

  private record Reading(long version, Future<ContainerList.Listed> listed) {
  }

  private final HostChanges changes;
  private final ListCounter counter;
  private final long maxAgeNanos;
  private final LongSupplier nanoClock;
  /** Guarded by this; in access order, eldest first. */
  private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
  /** Guarded by this. */
  private final Map<String, Reading> reading = new HashMap<>();
  /** Guarded by this: the engine bytes of every entry. */
  private long bytes;

  ContainerListCache(HostChanges changes, Duration maxAge, ListCounter counter) {
    this(changes, maxAge, counter, System::nanoTime);
  }

  ContainerListCache(HostChanges changes, Duration maxAge, ListCounter counter, LongSupplier nanoClock) {
    this.changes = changes;
    this.counter = counter;
    this.maxAgeNanos = maxAge.toNanos();
    this.nanoClock = nanoClock;
  }

  /**
   * The list of {@code query} (an engine path and query) on the host: kept, being read already, or
   * read now by {@code read}.
   *
   * @param fresh read it from the engine whatever is kept (the answer is kept for the next ones)
   */
  Future<ContainerList.Listed> get(String hostId, String query, boolean fresh,
                                   Supplier<Future<ContainerList.Listed>> read) {
    // with keeping off, the host is not even watched
    long version = maxAgeNanos > 0 ? changes.version(hostId) : -1;
    if (version < 0) {
      counter.counted(hostId, ListCounter.ENGINE);
      return read.get();
    }
    String key = hostId + '\n' + query;
    long now = nanoClock.getAsLong();
    synchronized (this) {
      if (!fresh) {
        Entry kept = entries.get(key);
        if (kept != null && kept.version == version && now - kept.askedAt < maxAgeNanos) {
          counter.counted(hostId, ListCounter.KEPT);
          return Future.succeededFuture(kept.listed);
        }
        Reading current = reading.get(key);
        if (current != null && current.version == version) {
          counter.counted(hostId, ListCounter.SHARED);
          return current.listed;
        }
      }
    }
    counter.counted(hostId, ListCounter.ENGINE);
    Future<ContainerList.Listed> answer = read.get();
    Reading mine = new Reading(version, answer);
    synchronized (this) {
      reading.put(key, mine);
    }
    answer.onComplete(ar -> {
      // the version is read again only now: a change seen while the engine answered means the
      // answer may predate it
      boolean unchanged = ar.succeeded() && changes.version(hostId) == version;
      synchronized (this) {
        reading.remove(key, mine);
        if (unchanged) {
          keep(key, new Entry(version, now, ar.result()));
        }
      }
    });
    return answer;
  }

  /** How many lists are kept (tests). */
  synchronized int size() {
    return entries.size();
  }

  private void keep(String key, Entry entry) {
    Entry old = entries.remove(key);
    if (old != null) {
      bytes -= old.listed.engineBytes();
    }
    if (entry.listed.engineBytes() > MAX_BYTES) {
      return;
    }
    entries.put(key, entry);
    bytes += entry.listed.engineBytes();
    Iterator<Entry> eldest = entries.values().iterator();
    while (entries.size() > MAX_ENTRIES || bytes > MAX_BYTES) {
      bytes -= eldest.next().listed.engineBytes();
      eldest.remove();
    }
  }
}
