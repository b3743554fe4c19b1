package dev.berth.gateway.users;

import dev.berth.gateway.auth.AuthUser;
import dev.berth.gateway.store.Database;
import io.vertx.core.Future;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves the caller of every request to an active {@link AuthUser}. Answers are cached for a
 * moment to keep the hot path off the database; every change to a user or a membership
 * invalidates the entry at once, so disabling a user stops their tokens and keys immediately.
 */
public final class UserDirectory {
  private static final long CACHE_MILLIS = 2_000;

  /** An active user and the time (epoch ms) before which their login tokens are refused. */
  public record Session(AuthUser user, long tokensValidAfter) {}

  private record Cached(Session session, long loadedAt) {}

  private final Database database;
  private final Map<Long, Cached> cache = new ConcurrentHashMap<>();

  public UserDirectory(Database database) {
    this.database = database;
  }

  /** The active user with this id, or null when it does not exist or is disabled. */
  public Future<AuthUser> findActive(long id) {
    return findSession(id).map(session -> session == null ? null : session.user());
  }

  /** Like {@link #findActive}, with the user's token cut-off. */
  public Future<Session> findSession(long id) {
    Cached cached = cache.get(id);
    if (cached != null && System.currentTimeMillis() - cached.loadedAt() < CACHE_MILLIS) {
      return Future.succeededFuture(cached.session());
    }
    long loadedAt = System.currentTimeMillis();
    return database.withConnection(connection -> loadSession(connection, id)).map(session -> {
      cache.put(id, new Cached(session, loadedAt));
      return session;
    });
  }

  /** Loads without the cache, in the caller's connection (e.g. right after a login check). */
  static AuthUser load(Connection connection, long id) throws SQLException {
    Session session = loadSession(connection, id);
    return session == null ? null : session.user();
  }

  private static Session loadSession(Connection connection, long id) throws SQLException {
    String username;
    String role;
    long tokensValidAfter;
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT username, global_role, disabled, tokens_valid_after FROM users WHERE id = ?")) {
      select.setLong(1, id);
      try (ResultSet rs = select.executeQuery()) {
        if (!rs.next() || rs.getBoolean(3)) {
          return null;
        }
        username = rs.getString(1);
        role = rs.getString(2);
        tokensValidAfter = rs.getLong(4);
      }
    }
    Set<Long> teams = new HashSet<>();
    try (PreparedStatement select = connection.prepareStatement("SELECT team_id FROM team_members WHERE user_id = ?")) {
      select.setLong(1, id);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          teams.add(rs.getLong(1));
        }
      }
    }
    return new Session(new AuthUser(id, username, role, teams), tokensValidAfter);
  }

  void invalidate(long id) {
    cache.remove(id);
  }

  void invalidateAll() {
    cache.clear();
  }
}
