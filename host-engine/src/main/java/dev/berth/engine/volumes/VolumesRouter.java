package dev.berth.engine.volumes;

import dev.berth.engine.api.ApiRoutes;
import dev.berth.engine.api.Http;
import dev.berth.engine.api.compat.ApiVersionPrefix;
import dev.berth.engine.errors.EngineException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.concurrent.Callable;

/** /volumes: create, list, inspect, remove and prune. */
public final class VolumesRouter implements ApiRoutes {

  private static final long MAX_BODY = 1024L * 1024;

  private final VolumeService volumes;

  public VolumesRouter(VolumeService volumes) {
    this.volumes = volumes;
  }

  @Override
  public void mount(Router router) {
    // GET
    router.get("/volumes").handler(this::getVolumes);
    router.get("/volumes/:name").handler(this::getVolume);
    // POST
    router.post("/volumes/create").handler(BodyHandler.create().setBodyLimit(MAX_BODY)).handler(this::postVolumesCreate);
    router.post("/volumes/prune").handler(this::postVolumesPrune);
    // DELETE
    router.delete("/volumes/:name").handler(this::deleteVolume);
  }

  private void getVolumes(RoutingContext ctx) {
    var filters = Http.filters(ctx);
    blocking(ctx, () -> volumes.list(filters)).onSuccess(body -> Http.json(ctx, 200, body));
  }

  private void getVolume(RoutingContext ctx) {
    blocking(ctx, () -> volumes.inspect(ctx.pathParam("name"))).onSuccess(body -> Http.json(ctx, 200, body));
  }

  private void postVolumesCreate(RoutingContext ctx) {
    JsonObject body = Http.bodyJson(ctx);
    String name = string(body, "Name");
    String driver = string(body, "Driver");
    JsonObject opts = object(body, "DriverOpts");
    JsonObject labels = object(body, "Labels");
    blocking(ctx, () -> volumes.create(name, driver, opts, labels)).onSuccess(v -> Http.json(ctx, 201, v));
  }

  private void postVolumesPrune(RoutingContext ctx) {
    var filters = Http.filters(ctx);
    // API 1.42 made prune remove only anonymous volumes unless all=true
    boolean allByDefault = !ApiVersionPrefix.atLeast(ctx, "1.42");
    blocking(ctx, () -> volumes.prune(filters, allByDefault)).onSuccess(report -> Http.json(ctx, 200, report));
  }

  private void deleteVolume(RoutingContext ctx) {
    boolean force = Http.boolParam(ctx, "force", false);
    blocking(ctx, () -> {
      volumes.remove(ctx.pathParam("name"), force);
      return null;
    }).onSuccess(v -> Http.noContent(ctx));
  }

  private static String string(JsonObject body, String key) {
    Object v = body.getValue(key);
    if (v != null && !(v instanceof String)) {
      throw EngineException.invalidParameter("invalid JSON: " + key + " must be a string");
    }
    return (String) v;
  }

  private static JsonObject object(JsonObject body, String key) {
    Object v = body.getValue(key);
    if (v != null && !(v instanceof JsonObject)) {
      throw EngineException.invalidParameter("invalid JSON: " + key + " must be an object");
    }
    return (JsonObject) v;
  }

  private static <T> Future<T> blocking(RoutingContext ctx, Callable<T> work) {
    return ctx.vertx().<T>executeBlocking(work, false).onFailure(ctx::fail);
  }
}
