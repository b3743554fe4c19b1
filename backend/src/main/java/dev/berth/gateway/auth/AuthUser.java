package dev.berth.gateway.auth;

import dev.berth.gateway.http.ApiError;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/**
 * The authenticated caller of a request, as checked against the store on every request
 * (a disabled or deleted user never gets here).
 *
 * @param globalRole "admin" or "user"
 */
public record AuthUser(long id, String username, String globalRole, Set<Long> teamIds) {
  public static final String ADMIN = "admin";
  public static final String USER = "user";
  static final String CONTEXT_KEY = "berth.authUser";

  public AuthUser {
    teamIds = Set.copyOf(teamIds);
  }

  public boolean isAdmin() {
    return ADMIN.equals(globalRole);
  }

  /** The authenticated user of this request; 401 when the request carried no valid credentials. */
  public static AuthUser of(RoutingContext ctx) {
    AuthUser user = ctx.get(CONTEXT_KEY);
    if (user == null) {
      throw ApiError.unauthorized("authentication required");
    }
    return user;
  }

  /** The caller if authenticated, else null (for public routes that behave differently). */
  public static AuthUser orNull(RoutingContext ctx) {
    return ctx.get(CONTEXT_KEY);
  }

  /** Fails with 403 unless the caller is a global admin. */
  public static AuthUser requireAdmin(RoutingContext ctx) {
    AuthUser user = of(ctx);
    if (!user.isAdmin()) {
      throw ApiError.forbidden("this action needs the global admin role");
    }
    return user;
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("username", username)
        .put("globalRole", globalRole)
        .put("teamIds", new JsonArray(teamIds.stream().sorted().toList()));
  }
}
