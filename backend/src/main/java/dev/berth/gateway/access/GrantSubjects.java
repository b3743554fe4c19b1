package dev.berth.gateway.access;

import dev.berth.gateway.store.Database;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;

/**
 * Who can be granted a role: enabled users and teams, by id and name only, found by a
 * case-insensitive substring. Read-only; the picker behind GET /api/directory.
 */
public final class GrantSubjects {

  public static final int MAX_RESULTS = 50;

  private final Database database;

  public GrantSubjects(Database database) {
    this.database = database;
  }

  /** {users: [{id, username}], teams: [{id, name}]}, each sorted by name, at most MAX_RESULTS. */
  public Future<JsonObject> search(String query) {
    String pattern = "%" + escapeLike(query.toLowerCase(Locale.ROOT)) + "%";
    return database.withConnection(c -> new JsonObject()
        .put("users", select(c, "SELECT id, username FROM users WHERE disabled = FALSE AND LOWER(username) LIKE ? "
            + "ESCAPE '!' ORDER BY username", pattern, "username"))
        .put("teams", select(c, "SELECT id, name FROM teams WHERE LOWER(name) LIKE ? ESCAPE '!' ORDER BY name",
            pattern, "name")));
  }

  private static JsonArray select(Connection c, String sql, String pattern, String nameField) throws SQLException {
    JsonArray out = new JsonArray();
    try (PreparedStatement q = c.prepareStatement(sql)) {
      q.setString(1, pattern);
      q.setMaxRows(MAX_RESULTS);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          out.add(new JsonObject().put("id", rs.getLong(1)).put(nameField, rs.getString(2)));
        }
      }
    }
    return out;
  }

  /** The query is matched literally: LIKE's wildcards are escaped. */
  static String escapeLike(String s) {
    return s.replace("!", "!!").replace("%", "!%").replace("_", "!_");
  }
}
