package dev.berth.gateway.live;

import dev.berth.gateway.hosts.HostAccess;
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
 */
final class EventHub implements AutoCloseable {
  static final int RING_CAPACITY = 1000;

  private final Vertx vertx;
  private final HostAccess access;
  final long lingerMs;
  private final String epoch = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 41), 36);
  private final AtomicLong seq = new AtomicLong();
  private final Map<String, HostEventFeed> feeds = new ConcurrentHashMap<>();

  EventHub(Vertx vertx, HostAccess access, long lingerMs) {
    this.vertx = vertx;
    this.access = access;
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
    while (true) {
      boolean[] created = {false};
      HostEventFeed feed = feeds.computeIfAbsent(hostId, id -> {
        created[0] = true;
        return new HostEventFeed(id, vertx, access, this, RING_CAPACITY);
      });
      if (created[0]) {
        feed.connect();
      }
      if (feed.join(subscriber, since)) {
        return;
      }
      feeds.remove(hostId, feed);
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
    feeds.values().forEach(HostEventFeed::stop);
    feeds.clear();
  }
}
