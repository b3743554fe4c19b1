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

/** SQL for teams and memberships, inside the caller's connection or transaction. */
final class TeamStore {
  private TeamStore() {}

  static JsonArray all(Connection c) throws SQLException {
    JsonArray teams = new JsonArray();
    try (PreparedStatement s = c.prepareStatement("SELECT id FROM teams ORDER BY id"); ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        teams.add(byId(c, rs.getLong(1)));
      }
    }
    return teams;
  }

  /** {id, name, description, memberIds, createdAt}; 404 when absent. */
  static JsonObject byId(Connection c, long id) throws SQLException {
    JsonObject team;
    try (PreparedStatement s = c.prepareStatement("SELECT name, description, created_at FROM teams WHERE id = ?")) {
      s.setLong(1, id);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          throw ApiError.notFound("no team " + id);
        }
        team = new JsonObject().put("id", id).put("name", rs.getString(1)).put("description", rs.getString(2))
            .put("createdAt", Instant.ofEpochMilli(rs.getLong(3)).toString());
      }
    }
    JsonArray members = new JsonArray();
    try (PreparedStatement s = c.prepareStatement("SELECT user_id FROM team_members WHERE team_id = ? ORDER BY user_id")) {
      s.setLong(1, id);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          members.add(rs.getLong(1));
        }
      }
    }
    return team.put("memberIds", members);
  }

  static long insert(Connection c, String name, String description) throws SQLException {
    requireFreeName(c, name, -1);
    try (PreparedStatement s = c.prepareStatement(
        "INSERT INTO teams (name, description, created_at) VALUES (?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
      s.setString(1, name);
      s.setString(2, description);
      s.setLong(3, System.currentTimeMillis());
      s.executeUpdate();
      try (ResultSet keys = s.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    }
  }

  static void update(Connection c, long id, String name, String description) throws SQLException {
    requireFreeName(c, name, id);
    try (PreparedStatement s = c.prepareStatement("UPDATE teams SET name = ?, description = ? WHERE id = ?")) {
      s.setString(1, name);
      s.setString(2, description);
      s.setLong(3, id);
      s.executeUpdate();
    }
  }

  static void delete(Connection c, long id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("DELETE FROM teams WHERE id = ?")) {
      s.setLong(1, id);
      if (s.executeUpdate() == 0) {
        throw ApiError.notFound("no team " + id);
      }
    }
  }

  /** Adds a member; true when added, false when already a member. */
  static boolean addMember(Connection c, long teamId, long userId) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM team_members WHERE team_id = ? AND user_id = ?")) {
      s.setLong(1, teamId);
      s.setLong(2, userId);
      try (ResultSet rs = s.executeQuery()) {
        if (rs.next()) {
          return false;
        }
      }
    }
    try (PreparedStatement s = c.prepareStatement("INSERT INTO team_members (team_id, user_id) VALUES (?, ?)")) {
      s.setLong(1, teamId);
      s.setLong(2, userId);
      s.executeUpdate();
      return true;
    }
  }

  static void removeMember(Connection c, long teamId, long userId) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("DELETE FROM team_members WHERE team_id = ? AND user_id = ?")) {
      s.setLong(1, teamId);
      s.setLong(2, userId);
      if (s.executeUpdate() == 0) {
        throw ApiError.notFound("user " + userId + " is not a member of team " + teamId);
      }
    }
  }

  private static void requireFreeName(Connection c, String name, long exceptId) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT id FROM teams WHERE name = ? AND id <> ?")) {
      s.setString(1, name);
      s.setLong(2, exceptId);
      try (ResultSet rs = s.executeQuery()) {
        if (rs.next()) {
          throw ApiError.conflict("a team named '" + name + "' already exists");
        }
      }
    }
  }
}
