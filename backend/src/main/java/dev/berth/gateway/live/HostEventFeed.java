package dev.berth.gateway.live;

import dev.berth.gateway.hosts.EngineRequest;
import dev.berth.gateway.hosts.EngineStream;
import dev.berth.gateway.hosts.HostAccess;
import dev.berth.gateway.hosts.HostChanges;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The one upstream engine event stream of a host, shared by every subscriber: each event is
 * encoded once, kept in a ring buffer (for resume by cursor) and handed to the subscribers.
 * A dropped stream is reported as host "down" and reconnected with exponential backoff; the
 * reconnect asks the engine for events since the last one seen, so few are lost.
 */
final class HostEventFeed {
  private static final long FIRST_BACKOFF_MS = 250;
  private static final long MAX_BACKOFF_MS = 10_000;

  private record Entry(long seq, String type, String text) {}

  final String hostId;
  private final Vertx vertx;
  private final HostAccess access;
  private final EventHub hub;
  private final int capacity;
  private final ArrayDeque<Entry> ring = new ArrayDeque<>();
  private final Set<EventSubscriber> subscribers = new LinkedHashSet<>();
  private Boolean up;
  private boolean stopped;
  private EngineStream current;
  private long backoffMs = FIRST_BACKOFF_MS;
  private long lastTimeNano;
  /** After a reconnect the engine repeats events of the last second: those up to here are skipped. */
  private long replayedUpTo;
  private long lingerTimer = -1;
  /** Kept open without subscribers: the gateway keeps this host's container lists (HostChanges). */
  private boolean pinned;

  HostEventFeed(String hostId, Vertx vertx, HostAccess access, EventHub hub, int capacity) {
    this.hostId = hostId;
    this.vertx = vertx;
    this.access = access;
    this.hub = hub;
    this.capacity = capacity;
  }

  /**
   * Adds a subscriber, first replaying buffered events after {@code since} (-1: none). False
   * when this feed has just been retired; the hub then makes a new one.
   */
  synchronized boolean join(EventSubscriber subscriber, long since) {
    if (stopped) {
      return false;
    }
    stopLingering();
    if (since >= 0) {
      for (Entry e : ring) {
        if (e.seq > since) {
          subscriber.deliver(hostId, e.type, e.text, true);
        }
      }
    }
    subscribers.add(subscriber);
    if (up != null) {
      subscriber.hostState(hostId, up);
    }
    return true;
  }

  /** The last subscriber gone, the feed lingers a while so reconnecting clients can resume. */
  synchronized void leave(EventSubscriber subscriber) {
    if (subscribers.remove(subscriber) && subscribers.isEmpty()) {
      linger();
    }
  }

  /**
   * Keeps the feed open without subscribers (or lets it linger and retire like one without any),
   * and tells HostChanges whether it is connected now. False when this feed has just been retired.
   */
  synchronized boolean pin(boolean keep) {
    if (stopped) {
      return !keep;
    }
    pinned = keep;
    if (keep) {
      stopLingering();
      if (up != null) {
        hub.changes.feed(hostId, up);
      }
    } else if (subscribers.isEmpty()) {
      linger();
    }
    return true;
  }

  private void stopLingering() {
    if (lingerTimer >= 0) {
      vertx.cancelTimer(lingerTimer);
      lingerTimer = -1;
    }
  }

  private void linger() {
    if (!stopped && !pinned && lingerTimer < 0) {
      lingerTimer = vertx.setTimer(hub.lingerMs, t -> {
        synchronized (this) {
          lingerTimer = -1;
        }
        hub.retire(this);
      });
    }
  }

  synchronized boolean retireIfIdle() {
    if (!subscribers.isEmpty() || pinned || stopped) {
      return false;
    }
    stop();
    return true;
  }

  synchronized void stop() {
    stopped = true;
    if (current != null) {
      current.close();
      current = null;
    }
    hub.changes.feed(hostId, false);
  }

  /** Drops the connection and makes a new one (the host now points at another engine). */
  synchronized void reconnect() {
    if (current != null) {
      dropped(current);
    }
  }

  void connect() {
    EngineRequest request = EngineRequest.get("/events");
    synchronized (this) {
      if (lastTimeNano > 0) {
        request = request.param("since", lastTimeNano / 1_000_000_000L);
        replayedUpTo = lastTimeNano;
      }
    }
    access.stream(hostId, request).onComplete(ar -> {
      synchronized (this) {
        if (stopped) {
          if (ar.succeeded()) {
            ar.result().close();
          }
          return;
        }
        if (ar.failed() || ar.result().status() != 200) {
          if (ar.succeeded()) {
            ar.result().close();
          }
          lost();
          return;
        }
        current = ar.result();
        backoffMs = FIRST_BACKOFF_MS;
        state(true);
      }
      EngineStream stream = ar.result();
      LineSplitter lines = new LineSplitter(1 << 20, this::event);
      stream.body().handler(lines::feed);
      stream.body().endHandler(v -> dropped(stream));
      stream.body().exceptionHandler(e -> dropped(stream));
    });
  }

  private synchronized void dropped(EngineStream stream) {
    if (current == stream && !stopped) {
      current = null;
      stream.close();
      lost();
    }
  }

  private void lost() {
    state(false);
    long delay = backoffMs;
    backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
    vertx.setTimer(delay, t -> {
      if (!isStopped()) {
        connect();
      }
    });
  }

  synchronized boolean isStopped() {
    return stopped;
  }

  private void state(boolean nowUp) {
    if (up == null || up != nowUp) {
      up = nowUp;
      hub.changes.feed(hostId, nowUp);
      for (EventSubscriber s : List.copyOf(subscribers)) {
        s.hostState(hostId, nowUp);
      }
    }
  }

  private void event(String line) {
    if (line.isBlank()) {
      return;
    }
    JsonObject event;
    try {
      event = new JsonObject(line);
    } catch (DecodeException e) {
      return;
    }
    // before any subscriber hears of it: one that lists on hearing must not get a kept list
    String type = event.getString("Type", "");
    if (HostChanges.isChange(type, event.getString("Action", event.getString("status")))) {
      hub.changes.changed(hostId);
    }
    Long nano = event.getLong("timeNano");
    long timeNano = nano != null ? nano : event.getLong("time", 0L) * 1_000_000_000L;
    synchronized (this) {
      if (stopped || timeNano <= replayedUpTo) {
        return;
      }
      lastTimeNano = Math.max(lastTimeNano, timeNano);
      long seq = hub.nextSeq();
      String text = new JsonObject().put("type", "event").put("host", hostId).put("cursor", hub.cursor(seq))
          .put("event", event).encode();
      ring.addLast(new Entry(seq, type, text));
      if (ring.size() > capacity) {
        ring.removeFirst();
      }
      for (EventSubscriber s : subscribers) {
        s.deliver(hostId, type, text, false);
      }
    }
  }
}
