package dev.berth.gateway.hosts;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tells whether anything on a host may have changed since a moment: a version per host that
 * moves at every engine event, whenever the host's event feed goes down or up, after every write
 * the gateway sends to the engine, and when the host is re-pointed or removed. Versions come from
 * one counter, so a version is never seen twice, not even for a host removed and added again.
 *
 * <p>While no event feed of the host is connected, nothing tells of changes made behind the
 * gateway's back (the docker CLI on the engine's socket), so {@link #version} is -1: keep nothing.
 * Asking for a version starts watching the host (its feed is kept open from then on).
 */
public final class HostChanges {

  /** Keeps a host's event feed open; the feed reports through {@link #changed} and {@link #feed}. */
  public interface Watcher {
    void watch(String hostId);

    void unwatch(String hostId);

    /** The host's engine changed: its feed must reconnect to the new one. */
    void reconnect(String hostId);
  }

  private static final AtomicLong VERSIONS = new AtomicLong();
  /**
   * Container event actions that change no state: exec sessions (health probes on dockerd make
   * three events each), attaching, resizing a TTY, reading processes or files.
   */
  private static final Set<String> NO_CHANGE = Set.of("exec_create", "exec_start", "exec_die", "exec_detach",
      "attach", "detach", "resize", "top", "export", "archive-path");

  private static final class State {
    final AtomicLong version = new AtomicLong(VERSIONS.incrementAndGet());
    final AtomicBoolean watching = new AtomicBoolean();
    volatile boolean live;

    void bump() {
      version.set(VERSIONS.incrementAndGet());
    }

    /**
     * A feed that connects moves the version before it is live; one that drops stops being live
     * before the version moves: a reader that saw "live" then always reads a version that no
     * longer matches once it is not.
     */
    void live(boolean now) {
      if (now) {
        bump();
        live = true;
      } else {
        live = false;
        bump();
      }
    }
  }

  private final Map<String, State> states = new ConcurrentHashMap<>();
  private volatile Watcher watcher;

  /** Set once the event feeds exist; until then every version is -1. */
  public void watchWith(Watcher w) {
    this.watcher = w;
  }

  /** The host's version now, or -1 when changes could go unseen. The first call starts watching. */
  public long version(String hostId) {
    State s = states.computeIfAbsent(hostId, id -> new State());
    Watcher w = watcher;
    if (w != null && s.watching.compareAndSet(false, true)) {
      w.watch(hostId);
    }
    // live before the version (see State.live)
    boolean live = s.live;
    long v = s.version.get();
    return live ? v : -1;
  }

  /**
   * Whether an engine event (its Type and Action, e.g. "container", "exec_start: sh -c true") may
   * have changed something; unknown ones are taken to.
   */
  public static boolean isChange(String type, String action) {
    if (!"container".equals(type) || action == null) {
      return true;
    }
    int colon = action.indexOf(':');
    return !NO_CHANGE.contains(colon < 0 ? action : action.substring(0, colon));
  }

  /** Something on the host may have changed (an event, a write sent by the gateway). */
  public void changed(String hostId) {
    State s = states.get(hostId);
    if (s != null) {
      s.bump();
    }
  }

  /**
   * The host's event feed connected (it sees every change from now on) or went down. Only hosts
   * asked about are followed: a watch reports the state of a feed that was already open.
   */
  public void feed(String hostId, boolean live) {
    State s = states.get(hostId);
    if (s != null) {
      s.live(live);
    }
  }

  /** The host now points at another engine: nothing seen before counts. */
  public void repointed(String hostId) {
    State s = states.get(hostId);
    if (s != null) {
      s.live(false);
      Watcher w = watcher;
      if (w != null && s.watching.get()) {
        w.reconnect(hostId);
      }
    }
  }

  /** The host is gone: stop watching it. */
  public void removed(String hostId) {
    State s = states.remove(hostId);
    if (s != null) {
      s.live(false);
      Watcher w = watcher;
      if (w != null && s.watching.get()) {
        w.unwatch(hostId);
      }
    }
  }
}
