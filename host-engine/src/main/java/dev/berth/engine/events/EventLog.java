package dev.berth.engine.events;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The engine's event stream: a bounded in-memory history (for ?since=) plus live subscribers.
 * Publishing never blocks on a subscriber.
 */
public final class EventLog {

  private static final int HISTORY = 1024;

  private final Deque<Event> history = new ArrayDeque<>();
  private final List<Consumer<Event>> subscribers = new ArrayList<>();
  private long lastNano;

  public void publish(String type, String action, String actorId, Map<String, String> attributes) {
    Event event;
    synchronized (this) {
      Instant now = Instant.now();
      long nano = now.getEpochSecond() * 1_000_000_000L + now.getNano();
      // strictly increasing, so that since/until and resume points are unambiguous
      lastNano = Math.max(nano, lastNano + 1);
      event = new Event(type, action, actorId, Map.copyOf(attributes), lastNano);
      history.addLast(event);
      if (history.size() > HISTORY) {
        history.removeFirst();
      }
      // delivered under the lock so that a new subscriber's replay and live events never
      // overlap or reorder; consumers only enqueue writes, they never block
      for (Consumer<Event> s : subscribers) {
        s.accept(event);
      }
    }
  }

  /**
   * Replays the history from {@code sinceNano} (inclusive) and then delivers live events, with
   * no gap and no duplicate between the two. Returns a handle that stops the delivery.
   */
  public Runnable subscribe(long sinceNano, boolean replay, Consumer<Event> consumer) {
    synchronized (this) {
      if (replay) {
        for (Event e : history) {
          if (e.timeNano() >= sinceNano) {
            consumer.accept(e);
          }
        }
      }
      subscribers.add(consumer);
    }
    return () -> {
      synchronized (this) {
        subscribers.remove(consumer);
      }
    };
  }

  /** The history between two instants, for a request whose until lies in the past. */
  public synchronized List<Event> between(long sinceNano, long untilNano) {
    List<Event> out = new ArrayList<>();
    for (Event e : history) {
      if (e.timeNano() >= sinceNano && e.timeNano() <= untilNano) {
        out.add(e);
      }
    }
    return out;
  }
}
