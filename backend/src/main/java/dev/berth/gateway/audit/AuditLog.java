package dev.berth.gateway.audit;

import dev.berth.gateway.store.Database;
import io.vertx.core.Future;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Append-only audit log in the store. */
public final class AuditLog {
  private static final Logger LOG = Logger.getLogger(AuditLog.class.getName());
  private static final int MAX_FIELD = 500;

  /** A page of entries, newest first, with the number of entries matching the filters. */
  public record Page(List<AuditEntry> items, long total) {}

  private final Database database;

  public AuditLog(Database database) {
    this.database = database;
  }

  /** Appends an entry. A failure to write is logged (without the entry's detail) and reported. */
  public Future<Void> record(AuditEntry entry) {
    return database.<Void>withConnection(connection -> {
      try (PreparedStatement insert = connection.prepareStatement(
          "INSERT INTO audit_log (at_millis, user_id, username, client_address, host_id, action,"
              + " target, outcome, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        insert.setLong(1, entry.time());
        if (entry.userId() == null) {
          insert.setNull(2, Types.BIGINT);
        } else {
          insert.setLong(2, entry.userId());
        }
        insert.setString(3, clip(entry.username()));
        insert.setString(4, clip(entry.clientAddress()));
        insert.setString(5, clip(entry.hostId()));
        insert.setString(6, clip(entry.action()));
        insert.setString(7, clip(entry.target()));
        insert.setString(8, clip(entry.outcome()));
        insert.setString(9, clip(entry.detail()));
        insert.executeUpdate();
      }
      return null;
    }).onFailure(e -> LOG.log(Level.WARNING, "could not write audit entry for " + entry.action(), e));
  }

  public Future<Page> query(AuditQuery query) {
    return database.withConnection(connection -> {
      List<Object> params = new ArrayList<>();
      StringBuilder where = new StringBuilder(" WHERE 1=1");
      filter(where, params, "username = ?", query.username());
      filter(where, params, "action LIKE ?", query.action() == null ? null : "%" + query.action() + "%");
      filter(where, params, "host_id = ?", query.hostId());
      filter(where, params, "outcome = ?", query.outcome());
      filter(where, params, "at_millis >= ?", query.from());
      filter(where, params, "at_millis <= ?", query.to());
      long total;
      try (PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM audit_log" + where)) {
        bind(count, params);
        try (ResultSet rs = count.executeQuery()) {
          rs.next();
          total = rs.getLong(1);
        }
      }
      List<AuditEntry> items = new ArrayList<>();
      try (PreparedStatement select = connection.prepareStatement(
          "SELECT at_millis, user_id, username, client_address, host_id, action, target, outcome, detail"
              + " FROM audit_log" + where + " ORDER BY id DESC LIMIT ? OFFSET ?")) {
        params.add(query.limit());
        params.add(query.offset());
        bind(select, params);
        try (ResultSet rs = select.executeQuery()) {
          while (rs.next()) {
            long userId = rs.getLong(2);
            Long user = rs.wasNull() ? null : userId;
            items.add(new AuditEntry(rs.getLong(1), user, rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                rs.getString(9)));
          }
        }
      }
      return new Page(items, total);
    });
  }

  private static void filter(StringBuilder where, List<Object> params, String clause, Object value) {
    if (value != null) {
      where.append(" AND ").append(clause);
      params.add(value);
    }
  }

  private static void bind(PreparedStatement statement, List<Object> params) throws SQLException {
    for (int i = 0; i < params.size(); i++) {
      statement.setObject(i + 1, params.get(i));
    }
  }

  private static String clip(String value) {
    return value == null || value.length() <= MAX_FIELD ? value : value.substring(0, MAX_FIELD);
  }
}
