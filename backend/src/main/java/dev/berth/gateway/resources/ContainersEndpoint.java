package dev.berth.gateway.resources;

import dev.berth.gateway.access.HostAuthorizer;
import dev.berth.gateway.access.HostScope;
import dev.berth.gateway.access.Role;
import dev.berth.gateway.http.ApiError;
import dev.berth.gateway.http.HttpEndpoint;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** /api/hosts/{id}/containers: list, inspect, create, lifecycle, remove, logs. */
public final class ContainersEndpoint implements HttpEndpoint {

  private final HostAuthorizer authz;
  private final ContainerService containers;

  public ContainersEndpoint(HostAuthorizer authz, ContainerService containers) {
    this.authz = authz;
    this.containers = containers;
  }

  @Override
  public void addRoutes(Router api) {
    // GET
    api.get("/hosts/:id/containers").handler(authz.require(Role.VIEWER)).handler(this::getContainers);
    api.get("/hosts/:id/containers/:cid").handler(authz.require(Role.VIEWER)).handler(this::getContainer);
    api.get("/hosts/:id/containers/:cid/logs").handler(authz.require(Role.VIEWER)).handler(this::getContainerLogs);
    // POST
    api.post("/hosts/:id/containers").handler(authz.require(Role.ADMIN)).handler(this::postContainers);
    for (ContainerService.Action action : ContainerService.Action.values()) {
      api.post("/hosts/:id/containers/:cid/" + action.path()).handler(authz.require(Role.OPERATOR))
          .handler(ctx -> postContainerAction(ctx, action));
    }
    // DELETE
    api.delete("/hosts/:id/containers/:cid").handler(authz.require(Role.ADMIN)).handler(this::deleteContainer);
  }

  private void getContainers(RoutingContext ctx) {
    ContainerList query = ContainerList.parse(ctx.queryParams());
    // "Cache-Control: no-cache" (or no-store): ask the engine, as curl -H or a browser's hard reload do
    String cacheControl = ctx.request().getHeader("Cache-Control");
    boolean fresh = cacheControl != null && (cacheControl.contains("no-cache") || cacheControl.contains("no-store"));
    containers.list(HostScope.of(ctx).hostId(), query, fresh)
        .onSuccess(page -> ctx.response().putHeader("Content-Type", "application/json").end(page))
        .onFailure(ctx::fail);
  }

  private void getContainer(RoutingContext ctx) {
    containers.inspect(HostScope.of(ctx).hostId(), ctx.pathParam("cid")).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  private void getContainerLogs(RoutingContext ctx) {
    MultiMap q = ctx.queryParams();
    String tail = q.get("tail") == null ? "1000" : q.get("tail");
    if (!tail.equals("all") && !tail.matches("[0-9]{1,7}")) {
      throw ApiError.badRequest("tail must be a number of lines or \"all\"");
    }
    String format = q.get("format") == null ? "json" : q.get("format");
    if (!format.equals("json") && !format.equals("text")) {
      throw ApiError.badRequest("format must be json or text");
    }
    ContainerService.LogQuery query = new ContainerService.LogQuery(tail, Params.since(q, "since"),
        Params.bool(q, "stdout", true), Params.bool(q, "stderr", true), Params.bool(q, "timestamps", false));
    containers.logs(HostScope.of(ctx).hostId(), ctx.pathParam("cid"), query).onSuccess(lines -> {
      if (format.equals("text")) {
        ctx.response().putHeader("Content-Type", "text/plain; charset=utf-8").end(LogLines.text(lines));
      } else {
        ctx.json(new JsonObject().put("items", lines));
      }
    }).onFailure(ctx::fail);
  }

  private void postContainers(RoutingContext ctx) {
    HostScope scope = HostScope.of(ctx);
    containers.create(scope.host(), Replies.body(ctx), scope.policyApplies())
        .onSuccess(created -> Replies.created(ctx, created)).onFailure(ctx::fail);
  }

  private void postContainerAction(RoutingContext ctx, ContainerService.Action action) {
    String value = action.param == null ? null : ctx.queryParams().get(action.param);
    if ("t".equals(action.param) && value != null && !value.matches("-?[0-9]{1,6}")) {
      throw ApiError.badRequest("t must be a number of seconds");
    }
    if ("signal".equals(action.param) && value != null && !value.matches("[A-Z0-9+]{1,16}")) {
      throw ApiError.badRequest("signal must be a signal name or number, e.g. SIGTERM or 15");
    }
    containers.act(HostScope.of(ctx).hostId(), ctx.pathParam("cid"), action, value)
        .onSuccess(v -> Replies.noContent(ctx)).onFailure(ctx::fail);
  }

  private void deleteContainer(RoutingContext ctx) {
    MultiMap q = ctx.queryParams();
    containers.remove(HostScope.of(ctx).hostId(), ctx.pathParam("cid"), Params.bool(q, "force", false),
        Params.bool(q, "volumes", false)).onSuccess(v -> Replies.noContent(ctx)).onFailure(ctx::fail);
  }
}
