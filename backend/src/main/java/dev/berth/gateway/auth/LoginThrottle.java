package dev.berth.gateway.auth;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Throttles failed logins per username and per client address. After {@code maxFailures}
 * failures within the window a key is locked for the lockout time. A client address gets four
 * times the allowance, since several people may share it.
 */
public final class LoginThrottle {
  private static final int MAX_TRACKED = 10_000;
  private static final int ADDRESS_FACTOR = 4;

  private static final class Counter {
    int failures;
    long windowStart;
    long lockedUntil;
  }

  private final int maxFailures;
  private final long windowMillis;
  private final long lockoutMillis;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  public LoginThrottle(int maxFailures, Duration window, Duration lockout) {
    this.maxFailures = maxFailures;
    this.windowMillis = window.toMillis();
    this.lockoutMillis = lockout.toMillis();
  }

  /** Seconds until another attempt is allowed, or 0 when the attempt may go ahead. */
  public long retryAfterSeconds(String username, String address) {
    long now = System.currentTimeMillis();
    long until = Math.max(lockedUntil("u:" + username, now), lockedUntil("a:" + address, now));
    return until > now ? (until - now + 999) / 1000 : 0;
  }

  public void failed(String username, String address) {
    long now = System.currentTimeMillis();
    if (counters.size() > MAX_TRACKED) {
      counters.values().removeIf(c -> c.lockedUntil < now && now - c.windowStart > windowMillis);
    }
    count("u:" + username, maxFailures, now);
    count("a:" + address, maxFailures * ADDRESS_FACTOR, now);
  }

  public void succeeded(String username) {
    counters.remove("u:" + username);
  }

  private long lockedUntil(String key, long now) {
    Counter counter = counters.get(key);
    if (counter == null) {
      return 0;
    }
    synchronized (counter) {
      return counter.lockedUntil;
    }
  }

  private void count(String key, int limit, long now) {
    Counter counter = counters.computeIfAbsent(key, k -> new Counter());
    synchronized (counter) {
      if (now - counter.windowStart > windowMillis) {
        counter.failures = 0;
        counter.windowStart = now;
      }
      counter.failures++;
      if (counter.failures >= limit) {
        counter.lockedUntil = now + lockoutMillis;
        counter.failures = 0;
        counter.windowStart = now;
      }
    }
  }
}
