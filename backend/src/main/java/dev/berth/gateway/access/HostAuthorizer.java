package dev.berth.gateway.access;

import dev.berth.gateway.auth.AuthUser;
import dev.berth.gateway.hosts.HostRecord;
import dev.berth.gateway.hosts.HostRegistry;
import dev.berth.gateway.http.ApiError;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The one place host roles are checked. Every host route is declared with the minimum
 * role it needs: route(...).handler(authz.require(Role.OPERATOR)).handler(...). A host the
 * caller has no role on answers 404, exactly like a host that does not exist.
 */
public final class HostAuthorizer {

  private final HostRegistry registry;
  private final GrantStore grants;

  public HostAuthorizer(HostRegistry registry, GrantStore grants) {
    this.registry = registry;
    this.grants = grants;
  }

  /** Resolves the host of path parameter "id" and the caller's role; fails unless role >= min. */
  public Handler<RoutingContext> require(Role min) {
    return ctx -> {
      AuthUser user = AuthUser.of(ctx);
      String hostId = ctx.pathParam("id");
      Optional<HostRecord> host = registry.find(hostId);
      if (host.isEmpty()) {
        ctx.fail(invisible(hostId));
        return;
      }
      roleOf(user, hostId).onComplete(ar -> {
        if (ar.failed()) {
          ctx.fail(ar.cause());
        } else if (ar.result().isEmpty()) {
          ctx.fail(invisible(hostId));
        } else if (!ar.result().get().atLeast(min)) {
          ctx.fail(ApiError.forbidden("this needs the " + min.key() + " role on host " + hostId
              + " (yours: " + ar.result().get().key() + ")"));
        } else {
          ctx.put(HostScope.CONTEXT_KEY, new HostScope(host.get(), ar.result().get(), user));
          ctx.next();
        }
      });
    };
  }

  /** Fails with 403 unless the caller is a global admin; for host routes, after require(...). */
  public Handler<RoutingContext> requireGlobalAdmin() {
    return ctx -> {
      AuthUser.requireAdmin(ctx);
      ctx.next();
    };
  }

  /** The registered host, for callers that check roles themselves (the Docker-API proxy). */
  public Optional<HostRecord> host(String hostId) {
    return registry.find(hostId);
  }

  public Future<Optional<Role>> roleOf(AuthUser user, String hostId) {
    if (user.isAdmin()) {
      return Future.succeededFuture(Optional.of(Role.ADMIN));
    }
    return grants.rolesOn(hostId, user.id(), user.teamIds()).map(roles -> RoleResolver.effective(false, roles));
  }

  /** The caller's role on every host they can see. */
  public Future<Map<String, Role>> visibleHosts(AuthUser user) {
    if (user.isAdmin()) {
      return Future.succeededFuture(registry.all().stream()
          .collect(Collectors.toMap(HostRecord::id, h -> Role.ADMIN)));
    }
    return grants.rolesByHost(user.id(), user.teamIds()).map(byHost -> {
      Map<String, Role> out = new HashMap<>();
      byHost.forEach((hostId, roles) -> {
        if (registry.find(hostId).isPresent()) {
          RoleResolver.effective(false, roles).ifPresent(r -> out.put(hostId, r));
        }
      });
      return out;
    });
  }

  static ApiError invisible(String hostId) {
    return ApiError.notFound("no such host: " + hostId);
  }
}
