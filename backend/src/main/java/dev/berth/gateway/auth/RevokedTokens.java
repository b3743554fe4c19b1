package dev.berth.gateway.auth;

import dev.berth.gateway.store.Database;
import io.vertx.core.Future;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Logged-out token ids. Kept in the store (so a restart does not revive them) and in memory,
 * so checking a token costs no database call.
 */
public final class RevokedTokens {
  private final Database database;
  private final Map<String, Long> revoked = new ConcurrentHashMap<>();

  public RevokedTokens(Database database) {
    this.database = database;
  }

  /** Drops expired rows and loads the rest; call once at start. */
  public Future<Void> load() {
    return database.withConnection(connection -> {
      long now = System.currentTimeMillis();
      try (PreparedStatement delete = connection.prepareStatement("DELETE FROM revoked_tokens WHERE expires_at < ?")) {
        delete.setLong(1, now);
        delete.executeUpdate();
      }
      try (PreparedStatement select = connection.prepareStatement("SELECT jti, expires_at FROM revoked_tokens");
           ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          revoked.put(rs.getString(1), rs.getLong(2));
        }
      }
      return null;
    });
  }

  public Future<Void> revoke(String jti, long expiresAt) {
    revoked.put(jti, expiresAt);
    long now = System.currentTimeMillis();
    revoked.values().removeIf(expiry -> expiry < now);
    return database.withConnection(connection -> {
      try (PreparedStatement insert = connection.prepareStatement(
          "INSERT INTO revoked_tokens (jti, expires_at) VALUES (?, ?)")) {
        insert.setString(1, jti);
        insert.setLong(2, expiresAt);
        insert.executeUpdate();
      }
      return null;
    });
  }

  public boolean isRevoked(String jti) {
    return revoked.containsKey(jti);
  }
}
