package dev.berth.gateway.hosts;

import dev.berth.gateway.access.HostAuthorizer;
import dev.berth.gateway.access.HostScope;
import dev.berth.gateway.access.Role;
import dev.berth.gateway.auth.AuthUser;
import dev.berth.gateway.http.ApiError;
import dev.berth.gateway.http.HttpEndpoint;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.Instant;
import java.util.LinkedHashMap;

/**
 * /api/hosts. A host answers as {id, name, url, tlsConfigured, labels, policy, status
 * {up, lastError, checkedAt, engineVersion, apiVersion}, role, createdAt}; TLS material is
 * never returned. Adding and deleting hosts and changing url/tls need the global admin;
 * name, labels and policy need the host's admin role.
 */
public final class HostsEndpoint implements HttpEndpoint {

  private final HostAuthorizer authz;
  private final HostRegistry registry;

  public HostsEndpoint(HostAuthorizer authz, HostRegistry registry) {
    this.authz = authz;
    this.registry = registry;
  }

  @Override
  public void addRoutes(Router api) {
    // GET
    api.get("/hosts").handler(this::getHosts);
    api.get("/hosts/:id").handler(authz.require(Role.VIEWER)).handler(this::getHost);
    // POST
    api.post("/hosts").handler(authz.requireGlobalAdmin()).handler(this::postHosts);
    // PATCH
    api.patch("/hosts/:id").handler(authz.require(Role.ADMIN)).handler(this::patchHost);
    // DELETE
    api.delete("/hosts/:id").handler(authz.require(Role.ADMIN)).handler(authz.requireGlobalAdmin())
        .handler(this::deleteHost);
  }

  private void getHosts(RoutingContext ctx) {
    authz.visibleHosts(AuthUser.of(ctx)).onSuccess(roles -> {
      JsonArray items = new JsonArray();
      registry.all().stream().filter(h -> roles.containsKey(h.id()))
          .forEach(h -> items.add(toJson(h, roles.get(h.id()))));
      ctx.json(new JsonObject().put("items", items).put("total", items.size()));
    }).onFailure(ctx::fail);
  }

  private void getHost(RoutingContext ctx) {
    HostScope scope = HostScope.of(ctx);
    ctx.json(toJson(scope.host(), scope.role()));
  }

  private void postHosts(RoutingContext ctx) {
    HostRecord host = HostSpec.forCreate(body(ctx), System.currentTimeMillis());
    registry.add(host).onSuccess(added -> {
      ctx.response().setStatusCode(201);
      ctx.json(toJson(added, Role.ADMIN));
    }).onFailure(ctx::fail);
  }

  private void patchHost(RoutingContext ctx) {
    HostScope scope = HostScope.of(ctx);
    JsonObject body = body(ctx);
    if (HostSpec.changesConnection(body) && !scope.user().isAdmin()) {
      throw ApiError.forbidden("changing a host's url or tls needs the global admin role");
    }
    registry.update(HostSpec.forPatch(scope.host(), body))
        .onSuccess(updated -> ctx.json(toJson(updated, scope.role()))).onFailure(ctx::fail);
  }

  private void deleteHost(RoutingContext ctx) {
    registry.remove(HostScope.of(ctx).hostId())
        .onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
  }

  private JsonObject toJson(HostRecord host, Role role) {
    return new JsonObject()
        .put("id", host.id())
        .put("name", host.name())
        .put("url", host.connection().url().toString())
        .put("tlsConfigured", host.connection().tls() != null)
        .put("labels", new JsonObject(new LinkedHashMap<>(host.labels())))
        .put("policy", host.policy().toJson())
        .put("status", registry.status(host.id()).toJson())
        .put("role", role.key())
        .put("createdAt", Instant.ofEpochMilli(host.createdAt()).toString());
  }

  private static JsonObject body(RoutingContext ctx) {
    JsonObject body = ctx.body() == null ? null : ctx.body().asJsonObject();
    if (body == null) {
      throw ApiError.badRequest("request body must be a JSON object");
    }
    return body;
  }
}
