package dev.berth.gateway.auth;

import dev.berth.gateway.audit.AuditContext;
import dev.berth.gateway.audit.AuditEntry;
import dev.berth.gateway.audit.AuditLog;
import dev.berth.gateway.http.ApiError;
import dev.berth.gateway.http.Bodies;
import dev.berth.gateway.http.FailureHandler;
import dev.berth.gateway.http.HttpEndpoint;
import dev.berth.gateway.users.UserService;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Set;

/** First-run setup, status, login and logout. */
public final class AuthEndpoint implements HttpEndpoint {
  private static final Set<String> CREDENTIAL_FIELDS = Set.of("username", "password");
  private static final String VERSION = versionOf();

  private final UserService users;
  private final TokenService tokens;
  private final RevokedTokens revoked;
  private final LoginThrottle throttle;
  private final AuditLog auditLog;

  public AuthEndpoint(UserService users, TokenService tokens, RevokedTokens revoked, LoginThrottle throttle,
      AuditLog auditLog) {
    this.users = users;
    this.tokens = tokens;
    this.revoked = revoked;
    this.throttle = throttle;
    this.auditLog = auditLog;
  }

  @Override
  public void addRoutes(Router api) {
    // GET
    api.get("/status").handler(this::getStatus);
    // POST
    api.post("/setup").handler(this::postSetup);
    api.post("/auth/login").handler(this::postAuthLogin);
    api.post("/auth/logout").handler(this::postAuthLogout);
  }

  private void getStatus(RoutingContext ctx) {
    users.setupRequired()
        .onSuccess(required -> ctx.json(new JsonObject().put("version", VERSION).put("setupRequired", required)))
        .onFailure(ctx::fail);
  }

  private void postSetup(RoutingContext ctx) {
    JsonObject body = Bodies.object(ctx);
    Bodies.onlyFields(body, CREDENTIAL_FIELDS);
    String username = Bodies.string(body, "username", true);
    String password = Bodies.string(body, "password", true);
    AuditContext.target(ctx, username);
    AuditContext.actor(ctx, username);
    users.setup(username, password)
        .onSuccess(user -> ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json").end(user.encode()))
        .onFailure(ctx::fail);
  }

  private void postAuthLogin(RoutingContext ctx) {
    AuditContext.skip(ctx);
    JsonObject body = Bodies.object(ctx);
    Bodies.onlyFields(body, CREDENTIAL_FIELDS);
    String username = Bodies.string(body, "username", true);
    String password = Bodies.string(body, "password", true);
    String address = ctx.request().remoteAddress().host();
    long retryAfter = throttle.retryAfterSeconds(username, address);
    if (retryAfter > 0) {
      audit(null, username, address, "throttled");
      ctx.put(FailureHandler.RETRY_AFTER, retryAfter);
      ctx.fail(ApiError.tooManyRequests("too many failed logins; try again in " + retryAfter + " seconds"));
      return;
    }
    users.login(username, password).onSuccess(user -> {
      if (user == null) {
        throttle.failed(username, address);
        audit(null, username, address, "failure");
        ctx.fail(ApiError.unauthorized("invalid username or password"));
        return;
      }
      throttle.succeeded(username);
      audit(user.id(), username, address, "success");
      TokenService.Issued issued = tokens.issue(user);
      ctx.json(new JsonObject()
          .put("token", issued.token())
          .put("expiresAt", Instant.ofEpochMilli(issued.expiresAt()).toString())
          .put("user", user.toJson()));
    }).onFailure(ctx::fail);
  }

  private void postAuthLogout(RoutingContext ctx) {
    AuthUser.of(ctx);
    TokenService.Claims token = ctx.get(Authenticator.TOKEN_KEY);
    if (token == null) {
      throw ApiError.badRequest("logout revokes a login token; API keys are removed with DELETE /api/me/keys/{id}");
    }
    revoked.revoke(token.jti(), token.expiresAt())
        .onSuccess(v -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }

  private void audit(Long userId, String username, String address, String outcome) {
    String name = username.length() > 64 ? username.substring(0, 64) : username;
    auditLog.record(new AuditEntry(System.currentTimeMillis(), userId, name, address, null, "login", name, outcome, null));
  }

  private static String versionOf() {
    String version = AuthEndpoint.class.getPackage().getImplementationVersion();
    return version != null ? version : "dev";
  }
}
