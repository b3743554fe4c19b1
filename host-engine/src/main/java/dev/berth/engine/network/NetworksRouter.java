package dev.berth.engine.network;

import dev.berth.engine.api.ApiRoutes;
import dev.berth.engine.api.Http;
import dev.berth.engine.errors.EngineException;
import dev.berth.engine.errors.ErrorResponder;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.concurrent.Callable;

/** /networks: list, inspect, create, connect, disconnect, prune, remove. */
public final class NetworksRouter implements ApiRoutes {

  private static final long MAX_BODY = 1024 * 1024;

  private final NetworkService networks;
  private final ContainerNetworking containers;
  private final NetworkAttach attach;

  NetworksRouter(NetworkService networks, ContainerNetworking containers, NetworkAttach attach) {
    this.networks = networks;
    this.containers = containers;
    this.attach = attach;
  }

  @Override
  public void mount(Router router) {
    // GET
    router.get("/networks").handler(this::list);
    router.get("/networks/:id").handler(this::inspect);
    // POST
    router.post("/networks/create").handler(BodyHandler.create().setBodyLimit(MAX_BODY)).handler(this::create);
    router.post("/networks/prune").handler(this::prune);
    router.post("/networks/:id/connect").handler(BodyHandler.create().setBodyLimit(MAX_BODY)).handler(this::connect);
    router.post("/networks/:id/disconnect").handler(BodyHandler.create().setBodyLimit(MAX_BODY)).handler(this::disconnect);
    // DELETE
    router.delete("/networks/:id").handler(this::remove);
  }

  private void list(RoutingContext ctx) {
    var filters = Http.filters(ctx);
    blocking(ctx, () -> {
      JsonArray out = new JsonArray();
      NetworkFilters.apply(networks, filters).forEach(n -> out.add(NetworkViews.network(n, networks.containersOn(n.id()), false)));
      return out;
    }).onSuccess(out -> Http.json(ctx, 200, out));
  }

  private void inspect(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    blocking(ctx, () -> {
      Network n = networks.get(id);
      return NetworkViews.network(n, networks.containersOn(n.id()), true);
    }).onSuccess(out -> Http.json(ctx, 200, out));
  }

  private void create(RoutingContext ctx) {
    JsonObject body = Http.bodyJson(ctx);
    blocking(ctx, () -> networks.create(body))
        .onSuccess(n -> Http.json(ctx, 201, new JsonObject().put("Id", n.id()).put("Warning", "")));
  }

  private void prune(RoutingContext ctx) {
    var filters = Http.filters(ctx);
    blocking(ctx, () -> {
      containers.awaitTeardowns();
      return networks.prune(filters);
    })
        .onSuccess(names -> Http.json(ctx, 200, new JsonObject().put("NetworksDeleted", new JsonArray(names))));
  }

  private void connect(RoutingContext ctx) {
    JsonObject body = Http.bodyJson(ctx);
    String container = containerOf(body);
    JsonObject endpoint = body.getJsonObject("EndpointConfig", new JsonObject());
    blocking(ctx, () -> {
      attach.connect(ctx.pathParam("id"), container, endpoint);
      return true;
    }).onSuccess(v -> ctx.response().setStatusCode(200).end());
  }

  private void disconnect(RoutingContext ctx) {
    JsonObject body = Http.bodyJson(ctx);
    String container = containerOf(body);
    blocking(ctx, () -> {
      attach.disconnect(ctx.pathParam("id"), container);
      return true;
    }).onSuccess(v -> ctx.response().setStatusCode(200).end());
  }

  private static String containerOf(JsonObject body) {
    Object c = body.getValue("Container");
    if (!(c instanceof String s) || s.isEmpty()) {
      throw EngineException.invalidParameter("Container is required");
    }
    return s;
  }

  private void remove(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    blocking(ctx, () -> {
      containers.awaitTeardowns();
      networks.remove(id);
      return true;
    }).onSuccess(v -> Http.noContent(ctx));
  }

  private static <T> Future<T> blocking(RoutingContext ctx, Callable<T> op) {
    return ctx.vertx().executeBlocking(op, false).onFailure(e -> ErrorResponder.write(ctx.response(), e));
  }
}
