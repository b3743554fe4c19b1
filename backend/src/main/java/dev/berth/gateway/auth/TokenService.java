package dev.berth.gateway.auth;

import dev.berth.gateway.store.Database;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

/**
 * Issues and verifies the gateway's JWTs (HS256). The signing key is generated on first start
 * and kept in the store's settings, so tokens survive restarts and are shared by nodes on one
 * database.
 */
public final class TokenService {
  private static final String KEY_SETTING = "jwt.signingKey";
  private static final String ISSUER = "berth-gateway";

  /** A freshly issued token; expiresAt in epoch milliseconds. */
  public record Issued(String token, String jti, long expiresAt) {}

  /** The verified claims of a presented token; times in epoch milliseconds. */
  public record Claims(long userId, String jti, long issuedAt, long expiresAt) {}

  private final JWTAuth jwt;
  private final Duration lifetime;

  private TokenService(JWTAuth jwt, Duration lifetime) {
    this.jwt = jwt;
    this.lifetime = lifetime;
  }

  public static Future<TokenService> load(Vertx vertx, Database database, Duration lifetime) {
    return database.withTransaction(connection -> {
      try (PreparedStatement select = connection.prepareStatement(
          "SELECT setting_value FROM settings WHERE setting_name = ?")) {
        select.setString(1, KEY_SETTING);
        try (ResultSet rs = select.executeQuery()) {
          if (rs.next()) {
            return rs.getString(1);
          }
        }
      }
      byte[] secret = new byte[48];
      new SecureRandom().nextBytes(secret);
      String key = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
      try (PreparedStatement insert = connection.prepareStatement(
          "INSERT INTO settings (setting_name, setting_value) VALUES (?, ?)")) {
        insert.setString(1, KEY_SETTING);
        insert.setString(2, key);
        insert.executeUpdate();
      }
      return key;
    }).map(key -> new TokenService(JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(key))
        .setJWTOptions(new JWTOptions().setIssuer(ISSUER))), lifetime));
  }

  public Issued issue(AuthUser user) {
    String jti = UUID.randomUUID().toString();
    long expiresAt = (System.currentTimeMillis() / 1000 + lifetime.toSeconds()) * 1000;
    // iatMs: the standard iat has whole seconds, too coarse to order a login and a password change.
    String token = jwt.generateToken(new JsonObject().put("jti", jti).put("name", user.username())
            .put("iatMs", System.currentTimeMillis()),
        new JWTOptions().setAlgorithm("HS256").setIssuer(ISSUER).setSubject(String.valueOf(user.id()))
            .setExpiresInSeconds((int) lifetime.toSeconds()));
    return new Issued(token, jti, expiresAt);
  }

  /** Succeeds with the claims of a valid, unexpired token; fails otherwise. */
  public Future<Claims> verify(String token) {
    return jwt.authenticate(new TokenCredentials(token)).map(user -> {
      // Vert.x keeps the decoded claims in the "accessToken" attribute.
      JsonObject claims = user.attributes().getJsonObject("accessToken");
      return new Claims(Long.parseLong(claims.getString("sub")), claims.getString("jti"),
          claims.getLong("iatMs"), claims.getLong("exp") * 1000);
    });
  }
}
