package dev.berth.gateway.resources;

import dev.berth.gateway.access.HostAuthorizer;
import dev.berth.gateway.access.HostScope;
import dev.berth.gateway.access.Role;
import dev.berth.gateway.http.ApiError;
import dev.berth.gateway.http.HttpEndpoint;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** /api/hosts/{id}/networks: list, create, remove, connect and disconnect containers. */
public final class NetworksEndpoint implements HttpEndpoint {

  private final HostAuthorizer authz;
  private final NetworkService networks;

  public NetworksEndpoint(HostAuthorizer authz, NetworkService networks) {
    this.authz = authz;
    this.networks = networks;
  }

  @Override
  public void addRoutes(Router api) {
    // GET
    api.get("/hosts/:id/networks").handler(authz.require(Role.VIEWER)).handler(this::getNetworks);
    // POST
    api.post("/hosts/:id/networks").handler(authz.require(Role.ADMIN)).handler(this::postNetworks);
    api.post("/hosts/:id/networks/:nid/connect").handler(authz.require(Role.ADMIN)).handler(this::postNetworkConnect);
    api.post("/hosts/:id/networks/:nid/disconnect").handler(authz.require(Role.ADMIN))
        .handler(this::postNetworkDisconnect);
    // DELETE
    api.delete("/hosts/:id/networks/:nid").handler(authz.require(Role.ADMIN)).handler(this::deleteNetwork);
  }

  private void getNetworks(RoutingContext ctx) {
    networks.list(HostScope.of(ctx).hostId()).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  private void postNetworks(RoutingContext ctx) {
    networks.create(HostScope.of(ctx).hostId(), Replies.body(ctx))
        .onSuccess(created -> Replies.created(ctx, created)).onFailure(ctx::fail);
  }

  /** Body {container, aliases?}. */
  private void postNetworkConnect(RoutingContext ctx) {
    JsonObject body = Replies.body(ctx);
    Object aliases = body.getValue("aliases");
    if (aliases != null && (!(aliases instanceof JsonArray a) || a.stream().anyMatch(x -> !(x instanceof String)))) {
      throw ApiError.badRequest("aliases must be a list of strings");
    }
    networks.connect(HostScope.of(ctx).hostId(), ctx.pathParam("nid"), container(body), (JsonArray) aliases)
        .onSuccess(v -> Replies.noContent(ctx)).onFailure(ctx::fail);
  }

  /** Body {container, force?}. */
  private void postNetworkDisconnect(RoutingContext ctx) {
    JsonObject body = Replies.body(ctx);
    if (!(body.getValue("force", false) instanceof Boolean force)) {
      throw ApiError.badRequest("force must be true or false");
    }
    networks.disconnect(HostScope.of(ctx).hostId(), ctx.pathParam("nid"), container(body), force)
        .onSuccess(v -> Replies.noContent(ctx)).onFailure(ctx::fail);
  }

  private void deleteNetwork(RoutingContext ctx) {
    networks.remove(HostScope.of(ctx).hostId(), ctx.pathParam("nid"))
        .onSuccess(v -> Replies.noContent(ctx)).onFailure(ctx::fail);
  }

  private static String container(JsonObject body) {
    if (!(body.getValue("container") instanceof String c)) {
      throw ApiError.badRequest("container (id or name) is required");
    }
    return c;
  }
}
