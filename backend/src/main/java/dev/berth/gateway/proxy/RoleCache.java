package dev.berth.gateway.proxy;

import dev.berth.gateway.access.HostAuthorizer;
import dev.berth.gateway.access.Role;
import dev.berth.gateway.auth.AuthUser;
import io.vertx.core.Future;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The caller's role on a host, remembered for two seconds: the CLI sends several requests per
 * command (ping, inspect, the call itself), and each would otherwise read the grants from the
 * database. A changed grant takes effect within that delay, like the user cache of the shared
 * authenticator.
 */
final class RoleCache {

  private static final long TTL_NANOS = TimeUnit.SECONDS.toNanos(2);
  private static final int MAX_ENTRIES = 10_000;

  private record Key(long userId, boolean admin, Set<Long> teamIds, String hostId) {
  }

  private record Entry(Optional<Role> role, long loadedAt) {
  }

  private final HostAuthorizer authz;
  private final Map<Key, Entry> entries = new ConcurrentHashMap<>();

  RoleCache(HostAuthorizer authz) {
    this.authz = authz;
  }

  Future<Optional<Role>> roleOf(AuthUser user, String hostId) {
    Key key = new Key(user.id(), user.isAdmin(), user.teamIds(), hostId);
    long now = System.nanoTime();
    Entry cached = entries.get(key);
    if (cached != null && now - cached.loadedAt() < TTL_NANOS) {
      return Future.succeededFuture(cached.role());
    }
    return authz.roleOf(user, hostId).onSuccess(role -> {
      if (entries.size() >= MAX_ENTRIES) {
        entries.clear();
      }
      entries.put(key, new Entry(role, now));
    });
  }
}
