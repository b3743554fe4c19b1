package dev.berth.gateway.access;

import dev.berth.gateway.auth.AuthUser;
import dev.berth.gateway.http.ApiError;
import dev.berth.gateway.http.HttpEndpoint;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * GET /api/directory?q=: the users and teams a host admin may grant roles to, so a UI can
 * offer a picker. Only ids and names; global admins and admins of at least one host.
 */
public final class DirectoryEndpoint implements HttpEndpoint {

  private static final int MAX_QUERY = 64;

  private final HostAuthorizer authz;
  private final GrantSubjects subjects;

  public DirectoryEndpoint(HostAuthorizer authz, GrantSubjects subjects) {
    this.authz = authz;
    this.subjects = subjects;
  }

  @Override
  public void addRoutes(Router api) {
    // GET
    api.get("/directory").handler(this::getDirectory);
  }

  private void getDirectory(RoutingContext ctx) {
    AuthUser user = AuthUser.of(ctx);
    String q = ctx.queryParams().get("q") == null ? "" : ctx.queryParams().get("q").trim();
    if (q.length() > MAX_QUERY) {
      throw ApiError.badRequest("q must be at most " + MAX_QUERY + " characters");
    }
    Future<Boolean> allowed = user.isAdmin() ? Future.succeededFuture(true)
        : authz.visibleHosts(user).map(roles -> roles.containsValue(Role.ADMIN));
    allowed.compose(ok -> ok ? subjects.search(q) : Future.failedFuture(
            ApiError.forbidden("the directory needs the admin role on at least one host")))
        .onSuccess(ctx::json).onFailure(ctx::fail);
  }
}
