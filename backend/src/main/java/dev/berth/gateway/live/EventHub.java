package dev.berth.gateway.live;

import dev.berth.gateway.hosts.HostAccess;
import dev.berth.gateway.hosts.HostChanges;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every host's shared event feed, started by its first subscriber. Cursors are
 * "<hub epoch>-<sequence>": the sequence is global across hosts, so one cursor tells every
 * host's ring buffer where the client left off. A cursor of another gateway run (other epoch)
 * replays nothing.
 *
 * <p>Every feed reports to {@link HostChanges} (each event, each connect and drop) before any
 * subscriber hears of it; as its {@link HostChanges.Watcher}, the hub keeps open the feeds of the
 * hosts whose container lists the gateway keeps.
 */
final class EventHub implements AutoCloseable, HostChanges.Watcher {
  static final int RING_CAPACITY = 1000;

  private final Vertx vertx;
  private final HostAccess access;
  final HostChanges changes;
  final long lingerMs;
  private final String epoch = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 41), 36);
  private final AtomicLong seq = new AtomicLong();
  private final Map<String, HostEventFeed> feeds = new ConcurrentHashMap<>();
  private volatile boolean closed;

  EventHub(Vertx vertx, HostAccess access, HostChanges changes, long lingerMs) {
    this.vertx = vertx;
    this.access = access;
    this.changes = changes;
    this.lingerMs = lingerMs;
  }

  long nextSeq() {
    return seq.incrementAndGet();
  }

  String cursor(long sequence) {
    return epoch + "-" + sequence;
  }

  /** The sequence of one of this hub's cursors; -1 for none or a foreign one; null when malformed. */
  Long parseCursor(String cursor) {
    if (cursor == null || cursor.isEmpty()) {
      return -1L;
    }
    int dash = cursor.lastIndexOf('-');
    if (dash <= 0) {
      return null;
    }
    try {
      long sequence = Long.parseLong(cursor.substring(dash + 1));
      if (sequence < 0) {
        return null;
      }
      return cursor.substring(0, dash).equals(epoch) ? sequence : -1L;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  void join(String hostId, EventSubscriber subscriber, long since) {
    while (!feed(hostId).join(subscriber, since)) {
      // retired in the meantime: feed() makes a new one
    }
  }

  /** The host's current feed, made and connected if there is none or it was retired. */
  private HostEventFeed feed(String hostId) {
    while (true) {
      boolean[] created = {false};
      HostEventFeed feed = feeds.computeIfAbsent(hostId, id -> {
        created[0] = true;
        return new HostEventFeed(id, vertx, access, this, RING_CAPACITY);
      });
      if (created[0]) {
        feed.connect();
      }
      if (!feed.isStopped()) {
        return feed;
      }
      feeds.remove(hostId, feed);
    }
  }

  @Override
  public void watch(String hostId) {
    if (closed) {
      return;
    }
    while (!feed(hostId).pin(true)) {
      // retired in the meantime: feed() makes a new one
    }
  }

  @Override
  public void unwatch(String hostId) {
    HostEventFeed feed = feeds.get(hostId);
    if (feed != null) {
      feed.pin(false);
    }
  }

  @Override
  public void reconnect(String hostId) {
    HostEventFeed feed = feeds.get(hostId);
    if (feed != null) {
      feed.reconnect();
    }
  }

  void leave(String hostId, EventSubscriber subscriber) {
    HostEventFeed feed = feeds.get(hostId);
    if (feed != null) {
      feed.leave(subscriber);
    }
  }

  void retire(HostEventFeed feed) {
    if (feed.retireIfIdle()) {
      feeds.remove(feed.hostId, feed);
    }
  }

  @Override
  public void close() {
    closed = true;
    feeds.values().forEach(HostEventFeed::stop);
    feeds.clear();
  }
}
