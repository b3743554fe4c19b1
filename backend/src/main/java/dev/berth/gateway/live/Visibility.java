package dev.berth.gateway.live;

import dev.berth.gateway.access.HostAuthorizer;
import dev.berth.gateway.users.UserDirectory;
import io.vertx.core.Future;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The hosts a user may see now, read from the user's current account and grants, and shared for
 * a short while by all of that user's event sockets (a thousand tabs cost one lookup).
 * Completes with null when the account is disabled or deleted.
 */
final class Visibility {
  private record Cached(long at, Future<Set<String>> hosts) {}

  private final HostAuthorizer authz;
  private final UserDirectory users;
  private final long maxAgeMs;
  private final Map<Long, Cached> cache = new ConcurrentHashMap<>();

  Visibility(HostAuthorizer authz, UserDirectory users, long maxAgeMs) {
    this.authz = authz;
    this.users = users;
    this.maxAgeMs = maxAgeMs;
  }

  Future<Set<String>> of(long userId) {
    long now = System.currentTimeMillis();
    Cached cached = cache.compute(userId, (id, old) -> old != null && now - old.at < maxAgeMs ? old
        : new Cached(now, users.findActive(id)
            .compose(user -> user == null ? Future.<Set<String>>succeededFuture(null)
                : authz.visibleHosts(user).map(byHost -> Set.copyOf(byHost.keySet())))));
    cache.entrySet().removeIf(e -> now - e.getValue().at >= 10 * maxAgeMs);
    return cached.hosts;
  }
}
