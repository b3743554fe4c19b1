package dev.berth.gateway.auth;

import dev.berth.gateway.http.ApiError;
import dev.berth.gateway.users.UserDirectory;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/**
 * The authentication step of the shared chain. Accepts {@code Authorization: Bearer <jwt>} or
 * {@code X-API-Key: <key>}, and checks on every request that the token is not revoked and that
 * its user still exists and is enabled. Public routes pass without credentials.
 */
public final class Authenticator implements Handler<RoutingContext> {
  static final Set<String> PUBLIC_PATHS = Set.of("/api/status", "/api/setup", "/api/auth/login", "/api/openapi.yaml");
  static final String TOKEN_KEY = "berth.token";

  /** Who called, and with which token (null for API keys), for logout. */
  public record Caller(AuthUser user, TokenService.Claims token) {}

  private final TokenService tokens;
  private final RevokedTokens revoked;
  private final ApiKeys apiKeys;
  private final UserDirectory users;

  public Authenticator(TokenService tokens, RevokedTokens revoked, ApiKeys apiKeys, UserDirectory users) {
    this.tokens = tokens;
    this.revoked = revoked;
    this.apiKeys = apiKeys;
    this.users = users;
  }

  @Override
  public void handle(RoutingContext ctx) {
    boolean isPublic = PUBLIC_PATHS.contains(ctx.request().path());
    if ("websocket".equalsIgnoreCase(ctx.request().getHeader("Upgrade"))) {
      // the handshake request must still be unread when a live route upgrades it, after async checks
      ctx.request().pause();
    }
    authenticate(ctx.request()).onComplete(result -> {
      if (result.succeeded() && result.result() != null) {
        ctx.put(AuthUser.CONTEXT_KEY, result.result().user());
        ctx.put(TOKEN_KEY, result.result().token());
        ctx.next();
      } else if (isPublic) {
        ctx.next();
      } else if (result.failed()) {
        ctx.fail(result.cause());
      } else {
        ctx.fail(ApiError.unauthorized("authentication required: send Authorization: Bearer <token> or X-API-Key"));
      }
    });
  }

  /** The caller, null when the request carries no credentials, or a 401 failure when they are invalid. */
  public Future<Caller> authenticate(HttpServerRequest request) {
    String authorization = request.getHeader("Authorization");
    if (authorization == null) {
      authorization = subprotocolBearer(request);
    }
    String apiKey = request.getHeader("X-API-Key");
    if (authorization != null) {
      if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
        return Future.failedFuture(ApiError.unauthorized("the Authorization header must be 'Bearer <token>'"));
      }
      return tokens.verify(authorization.substring(7).trim())
          .recover(e -> Future.failedFuture(ApiError.unauthorized("the token is invalid or has expired")))
          .compose(claims -> {
            if (revoked.isRevoked(claims.jti())) {
              return Future.failedFuture(ApiError.unauthorized("the token was revoked by logging out"));
            }
            return users.findSession(claims.userId()).compose(session -> {
              if (session == null) {
                return Future.failedFuture(ApiError.unauthorized("the account is disabled or was deleted"));
              }
              if (claims.issuedAt() < session.tokensValidAfter()) {
                return Future.failedFuture(ApiError.unauthorized("the password was changed since this login; log in again"));
              }
              return Future.succeededFuture(new Caller(session.user(), claims));
            });
          });
    }
    if (apiKey != null) {
      return apiKeys.authenticate(apiKey.trim()).compose(userId -> userId == null
          ? Future.failedFuture(ApiError.unauthorized("the API key is invalid or was deleted"))
          : activeUser(userId).map(user -> new Caller(user, null)));
    }
    return Future.succeededFuture(null);
  }

  /**
   * Browsers cannot set headers on a WebSocket: they send the token as the subprotocol entry
   * "bearer.<jwt>" (the server never selects it, so it is not echoed back).
   */
  private static String subprotocolBearer(HttpServerRequest request) {
    String protocols = request.getHeader("Sec-WebSocket-Protocol");
    if (protocols == null) {
      return null;
    }
    for (String entry : protocols.split(",")) {
      String p = entry.trim();
      if (p.startsWith("bearer.") && p.length() > 7) {
        return "Bearer " + p.substring(7);
      }
    }
    return null;
  }

  private Future<AuthUser> activeUser(long id) {
    return users.findActive(id).compose(user -> user == null
        ? Future.failedFuture(ApiError.unauthorized("the account is disabled or was deleted"))
        : Future.succeededFuture(user));
  }
}
