package dev.berth.gateway.users;

import dev.berth.gateway.http.ApiError;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** SQL for users. Every method runs inside the caller's connection or transaction. */
final class UserStore {
  /** A stored account; passwordHash never leaves the service layer. */
  record UserRow(long id, String username, String passwordHash, String globalRole, boolean disabled, long createdAt) {}

  private static final String COLUMNS = "id, username, password_hash, global_role, disabled, created_at";

  private UserStore() {}

  static long count(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM users"); ResultSet rs = s.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static long countEnabledAdmins(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "SELECT COUNT(*) FROM users WHERE global_role = 'admin' AND disabled = FALSE");
         ResultSet rs = s.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static UserRow byUsername(Connection c, String username) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM users WHERE username = ?")) {
      s.setString(1, username);
      return one(s);
    }
  }

  static UserRow byId(Connection c, long id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM users WHERE id = ?")) {
      s.setLong(1, id);
      UserRow row = one(s);
      if (row == null) {
        throw ApiError.notFound("no user " + id);
      }
      return row;
    }
  }

  static List<UserRow> all(Connection c) throws SQLException {
    List<UserRow> rows = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM users ORDER BY id");
         ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        rows.add(row(rs));
      }
    }
    return rows;
  }

  static long insert(Connection c, String username, String hash, String role) throws SQLException {
    if (byUsername(c, username) != null) {
      throw ApiError.conflict("a user named '" + username + "' already exists");
    }
    long now = System.currentTimeMillis();
    try (PreparedStatement s = c.prepareStatement(
        "INSERT INTO users (username, password_hash, global_role, disabled, created_at, updated_at)"
            + " VALUES (?, ?, ?, FALSE, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
      s.setString(1, username);
      s.setString(2, hash);
      s.setString(3, role);
      s.setLong(4, now);
      s.setLong(5, now);
      s.executeUpdate();
      try (ResultSet keys = s.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    }
  }

  static void update(Connection c, UserRow row) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "UPDATE users SET username = ?, password_hash = ?, global_role = ?, disabled = ?, updated_at = ? WHERE id = ?")) {
      s.setString(1, row.username());
      s.setString(2, row.passwordHash());
      s.setString(3, row.globalRole());
      s.setBoolean(4, row.disabled());
      s.setLong(5, System.currentTimeMillis());
      s.setLong(6, row.id());
      s.executeUpdate();
    }
  }

  /** Refuses every login token issued until now (after a password change). */
  static void refuseEarlierTokens(Connection c, long id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("UPDATE users SET tokens_valid_after = ? WHERE id = ?")) {
      s.setLong(1, System.currentTimeMillis());
      s.setLong(2, id);
      s.executeUpdate();
    }
  }

  static void delete(Connection c, long id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("DELETE FROM users WHERE id = ?")) {
      s.setLong(1, id);
      s.executeUpdate();
    }
  }

  static List<Long> teamIds(Connection c, long userId) throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT team_id FROM team_members WHERE user_id = ? ORDER BY team_id")) {
      s.setLong(1, userId);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
    }
    return ids;
  }

  static JsonObject toJson(Connection c, UserRow row) throws SQLException {
    return new JsonObject()
        .put("id", row.id())
        .put("username", row.username())
        .put("globalRole", row.globalRole())
        .put("disabled", row.disabled())
        .put("teamIds", new JsonArray(teamIds(c, row.id())))
        .put("createdAt", Instant.ofEpochMilli(row.createdAt()).toString());
  }

  private static UserRow one(PreparedStatement s) throws SQLException {
    try (ResultSet rs = s.executeQuery()) {
      return rs.next() ? row(rs) : null;
    }
  }

  private static UserRow row(ResultSet rs) throws SQLException {
    return new UserRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5), rs.getLong(6));
  }
}
