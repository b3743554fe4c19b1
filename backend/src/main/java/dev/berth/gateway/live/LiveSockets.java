package dev.berth.gateway.live;

import dev.berth.gateway.auth.Authenticator;
import dev.berth.gateway.auth.AuthUser;
import dev.berth.gateway.auth.RevokedTokens;
import dev.berth.gateway.auth.TokenService;
import dev.berth.gateway.http.ApiError;
import dev.berth.gateway.ops.Metrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.Supplier;

/**
 * Turns an authorised request into a {@link LiveSocket}. Handlers first call
 * {@link #requireUpgrade} (before any engine work), then {@link #accept} once everything that
 * can fail with an HTTP status has been checked.
 */
final class LiveSockets {
  static final String TERMINAL = "berth.terminal.v1";
  static final String LOGS = "berth.logs.v1";
  static final String EVENTS = "berth.events.v1";
  static final String STATS = "berth.stats.v1";
  /** What the HTTP server may select; a bearer.<jwt> entry is never among them. */
  static final List<String> SUBPROTOCOLS = List.of(TERMINAL, LOGS, EVENTS, STATS);

  private final Vertx vertx;
  private final Authenticator authenticator;
  private final RevokedTokens revoked;
  private final Metrics metrics;
  final LiveSettings settings;

  LiveSockets(Vertx vertx, Authenticator authenticator, RevokedTokens revoked, Metrics metrics, LiveSettings settings) {
    this.vertx = vertx;
    this.authenticator = authenticator;
    this.revoked = revoked;
    this.metrics = metrics;
    this.settings = settings;
  }

  /** Fails unless the request is a WebSocket handshake that, if it offers subprotocols, offers this one. */
  static void requireUpgrade(RoutingContext ctx, String protocol) {
    HttpServerRequest request = ctx.request();
    if (!"websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
      throw new ApiError(426, "bad_request", "this route is a WebSocket (subprotocol " + protocol + ")");
    }
    String offered = request.getHeader("Sec-WebSocket-Protocol");
    if (offered != null && List.of(offered.split("\\s*,\\s*")).stream().noneMatch(p -> p.trim().equals(protocol))) {
      throw ApiError.badRequest("offer the subprotocol " + protocol + " for this route");
    }
  }

  /** Completes the handshake; the credential of the request is re-checked during the session. */
  Future<LiveSocket> accept(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    AuthUser user = AuthUser.of(ctx);
    String address = request.remoteAddress() == null ? null : request.remoteAddress().host();
    return authenticator.authenticate(request).compose(caller -> {
      Supplier<String> problem = credentialCheck(caller == null ? null : caller.token());
      return request.toWebSocket().map(ws -> {
        metrics.webSocketOpened();
        LiveSocket socket = new LiveSocket(vertx, ws, new LiveSocket.Session(user, address, problem));
        socket.onClose(metrics::webSocketClosed);
        return socket;
      });
    });
  }

  /** JWTs expire and can be revoked by logout; both are cheap to check. API keys have no expiry here. */
  private Supplier<String> credentialCheck(TokenService.Claims token) {
    if (token == null) {
      return () -> null;
    }
    return () -> {
      if (System.currentTimeMillis() >= token.expiresAt()) {
        return "the token has expired";
      }
      return revoked.isRevoked(token.jti()) ? "the token was revoked" : null;
    };
  }
}
