package dev.berth.gateway.hosts;

import dev.berth.gateway.http.ApiError;
import dev.berth.gateway.policy.PolicySettings;
import dev.berth.gateway.store.Database;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The hosts table. Labels and policy are stored as JSON text; the TLS key sealed. */
final class HostStore {

  private static final String COLUMNS = "id, name, url, tls_ca, tls_cert, tls_key_sealed, labels, policy, created_at";

  private final Database database;
  private final SecretBox secrets;

  HostStore(Database database, SecretBox secrets) {
    this.database = database;
    this.secrets = secrets;
  }

  Future<List<HostRecord>> all() {
    return database.withConnection(c -> {
      List<HostRecord> out = new ArrayList<>();
      try (PreparedStatement q = c.prepareStatement("SELECT " + COLUMNS + " FROM hosts ORDER BY id");
           ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          out.add(read(rs));
        }
      }
      return out;
    });
  }

  /** Inserts a host; an existing id is a 409. */
  Future<Void> insert(HostRecord host) {
    return database.withConnection(c -> {
      try (PreparedStatement q = c.prepareStatement("INSERT INTO hosts (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        bind(q, host);
        q.executeUpdate();
      } catch (ApiError e) {
        throw ApiError.conflict("a host with id '" + host.id() + "' already exists");
      }
      return null;
    });
  }

  /**
   * Registers a start-up seed: inserted when its id is free, else only its url follows the
   * configuration (name, labels, policy and grants set through the API are kept).
   */
  Future<Void> seed(HostRecord host) {
    return database.withTransaction(c -> {
      try (PreparedStatement update = c.prepareStatement("UPDATE hosts SET url = ? WHERE id = ?")) {
        update.setString(1, host.connection().url().toString());
        update.setString(2, host.id());
        if (update.executeUpdate() > 0) {
          return null;
        }
      }
      try (PreparedStatement q = c.prepareStatement("INSERT INTO hosts (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        bind(q, host);
        q.executeUpdate();
      }
      return null;
    });
  }

  Future<Void> update(HostRecord host) {
    return database.withConnection(c -> {
      try (PreparedStatement q = c.prepareStatement("UPDATE hosts SET id = ?, name = ?, url = ?, tls_ca = ?,"
          + " tls_cert = ?, tls_key_sealed = ?, labels = ?, policy = ?, created_at = ? WHERE id = ?")) {
        bind(q, host);
        q.setString(10, host.id());
        if (q.executeUpdate() == 0) {
          throw ApiError.notFound("no such host: " + host.id());
        }
      }
      return null;
    });
  }

  Future<Boolean> delete(String id) {
    return database.withConnection(c -> {
      try (PreparedStatement q = c.prepareStatement("DELETE FROM hosts WHERE id = ?")) {
        q.setString(1, id);
        return q.executeUpdate() > 0;
      }
    });
  }

  private void bind(PreparedStatement q, HostRecord host) throws SQLException {
    TlsMaterial tls = host.connection().tls();
    q.setString(1, host.id());
    q.setString(2, host.name());
    q.setString(3, host.connection().url().toString());
    q.setString(4, tls == null ? null : tls.ca());
    q.setString(5, tls == null ? null : tls.cert());
    q.setString(6, tls == null || tls.key() == null ? null : secrets.seal(tls.key()));
    q.setString(7, new JsonObject(new LinkedHashMap<>(host.labels())).encode());
    q.setString(8, host.policy().toJson().encode());
    q.setLong(9, host.createdAt());
  }

  private HostRecord read(ResultSet rs) throws SQLException {
    String ca = rs.getString("tls_ca");
    String cert = rs.getString("tls_cert");
    String sealedKey = rs.getString("tls_key_sealed");
    TlsMaterial tls = ca == null && cert == null && sealedKey == null ? null
        : new TlsMaterial(ca, cert, sealedKey == null ? null : secrets.open(sealedKey));
    Map<String, String> labels = new LinkedHashMap<>();
    new JsonObject(rs.getString("labels")).forEach(e -> labels.put(e.getKey(), String.valueOf(e.getValue())));
    PolicySettings policy = PolicySettings.fromJson(new JsonObject(rs.getString("policy")), PolicySettings.ALL);
    // stored URLs were validated on the way in; parse again to rebuild the connection
    HostConnection connection = HostConnection.parse(rs.getString("url"), tls);
    return new HostRecord(rs.getString("id"), rs.getString("name"), connection, labels, policy,
        rs.getLong("created_at"));
  }
}
