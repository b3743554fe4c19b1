package dev.berth.gateway.auth;

import dev.berth.gateway.http.ApiError;
import dev.berth.gateway.store.Database;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Personal API keys, sent as {@code X-API-Key}. A key is {@code bk_<prefix>_<secret>}: the
 * prefix finds the row, and only the SHA-256 of the whole key is stored and compared in
 * constant time. The full key is returned once, at creation.
 */
public final class ApiKeys {
  private static final Pattern KEY = Pattern.compile("bk_([a-z0-9]{10})_([A-Za-z0-9_-]{43})");
  private static final String PREFIX_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
  private static final int MAX_KEYS_PER_USER = 50;
  private static final long CACHE_MILLIS = 5_000;

  private record Stored(long keyId, long userId, byte[] hash, long loadedAt) {}

  private final Database database;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Stored> cache = new ConcurrentHashMap<>();

  public ApiKeys(Database database) {
    this.database = database;
  }

  /** Creates a key; the answer holds the full key, which is never shown again. */
  public Future<JsonObject> create(long userId, String name) {
    String prefix = randomPrefix();
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    String key = "bk_" + prefix + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    long now = System.currentTimeMillis();
    return database.withTransaction(connection -> {
      try (PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM api_keys WHERE user_id = ?")) {
        count.setLong(1, userId);
        try (ResultSet rs = count.executeQuery()) {
          rs.next();
          if (rs.getLong(1) >= MAX_KEYS_PER_USER) {
            throw ApiError.conflict("a user can hold at most " + MAX_KEYS_PER_USER + " API keys; delete one first");
          }
        }
      }
      try (PreparedStatement insert = connection.prepareStatement(
          "INSERT INTO api_keys (user_id, name, prefix, key_hash, created_at) VALUES (?, ?, ?, ?, ?)",
          Statement.RETURN_GENERATED_KEYS)) {
        insert.setLong(1, userId);
        insert.setString(2, name);
        insert.setString(3, prefix);
        insert.setString(4, HexFormat.of().formatHex(sha256(key)));
        insert.setLong(5, now);
        insert.executeUpdate();
        try (ResultSet keys = insert.getGeneratedKeys()) {
          keys.next();
          return describe(keys.getLong(1), name, prefix, now).put("key", key);
        }
      }
    });
  }

  public Future<JsonArray> list(long userId) {
    return database.withConnection(connection -> {
      JsonArray items = new JsonArray();
      try (PreparedStatement select = connection.prepareStatement(
          "SELECT id, name, prefix, created_at FROM api_keys WHERE user_id = ? ORDER BY id")) {
        select.setLong(1, userId);
        try (ResultSet rs = select.executeQuery()) {
          while (rs.next()) {
            items.add(describe(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4)));
          }
        }
      }
      return items;
    });
  }

  /** Deletes one of the user's keys; 404 when the user holds no key with that id. */
  public Future<Void> delete(long userId, long keyId) {
    return database.<Void>withConnection(connection -> {
      try (PreparedStatement delete = connection.prepareStatement("DELETE FROM api_keys WHERE id = ? AND user_id = ?")) {
        delete.setLong(1, keyId);
        delete.setLong(2, userId);
        if (delete.executeUpdate() == 0) {
          throw ApiError.notFound("no API key " + keyId);
        }
      }
      return null;
    }).onSuccess(v -> cache.values().removeIf(stored -> stored.keyId() == keyId));
  }

  /** The owner's user id when the key is valid, else null. */
  public Future<Long> authenticate(String key) {
    Matcher m = KEY.matcher(key);
    if (!m.matches()) {
      return Future.succeededFuture(null);
    }
    String prefix = m.group(1);
    Stored cached = cache.get(prefix);
    if (cached != null && System.currentTimeMillis() - cached.loadedAt() < CACHE_MILLIS) {
      return Future.succeededFuture(check(cached, key));
    }
    return database.withConnection(connection -> {
      try (PreparedStatement select = connection.prepareStatement(
          "SELECT id, user_id, key_hash FROM api_keys WHERE prefix = ?")) {
        select.setString(1, prefix);
        try (ResultSet rs = select.executeQuery()) {
          if (!rs.next()) {
            cache.remove(prefix);
            return null;
          }
          Stored stored = new Stored(rs.getLong(1), rs.getLong(2), HexFormat.of().parseHex(rs.getString(3)),
              System.currentTimeMillis());
          cache.put(prefix, stored);
          return check(stored, key);
        }
      }
    });
  }

  private static Long check(Stored stored, String key) {
    return MessageDigest.isEqual(stored.hash(), sha256(key)) ? stored.userId() : null;
  }

  private static JsonObject describe(long id, String name, String prefix, long createdAt) {
    return new JsonObject().put("id", id).put("name", name).put("prefix", "bk_" + prefix)
        .put("createdAt", Instant.ofEpochMilli(createdAt).toString());
  }

  private String randomPrefix() {
    StringBuilder prefix = new StringBuilder(10);
    for (int i = 0; i < 10; i++) {
      prefix.append(PREFIX_ALPHABET.charAt(random.nextInt(PREFIX_ALPHABET.length())));
    }
    return prefix.toString();
  }

  private static byte[] sha256(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from the JDK", e);
    }
  }
}
