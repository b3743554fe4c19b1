package dev.berth.engine.containers;

import dev.berth.engine.api.ApiRoutes;
import dev.berth.engine.api.Http;
import dev.berth.engine.api.JsonArrayStream;
import dev.berth.engine.errors.ErrorResponder;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.concurrent.Callable;

/** Container lifecycle routes: create, inspect, list, start/stop/kill/restart, pause, rename, wait, top, remove, prune. */
public final class ContainersRouter implements ApiRoutes {

  private static final long MAX_BODY = 4L * 1024 * 1024;

  private final ContainersBackend backend;

  public ContainersRouter(ContainersBackend backend) {
    this.backend = backend;
  }

  @Override
  public void mount(Router router) {
    // GET
    router.get("/containers/json").handler(this::getContainersJson);
    router.get("/containers/:id/json").handler(this::getContainerJson);
    router.get("/containers/:id/top").handler(this::getContainerTop);
    // POST
    router.post("/containers/prune").handler(this::postContainersPrune);
    router.post("/containers/create").handler(BodyHandler.create().setBodyLimit(MAX_BODY)).handler(this::postContainersCreate);
    router.post("/containers/:id/start").handler(this::postContainerStart);
    router.post("/containers/:id/stop").handler(this::postContainerStop);
    router.post("/containers/:id/restart").handler(this::postContainerRestart);
    router.post("/containers/:id/kill").handler(this::postContainerKill);
    router.post("/containers/:id/pause").handler(this::postContainerPause);
    router.post("/containers/:id/unpause").handler(this::postContainerUnpause);
    router.post("/containers/:id/rename").handler(this::postContainerRename);
    router.post("/containers/:id/update").handler(BodyHandler.create().setBodyLimit(MAX_BODY)).handler(this::postContainerUpdate);
    router.post("/containers/:id/wait").handler(this::postContainerWait);
    // DELETE
    router.delete("/containers/:id").handler(this::deleteContainer);
  }

  private void getContainersJson(RoutingContext ctx) {
    boolean all = Http.boolParam(ctx, "all", false);
    Integer limit = Http.intParam(ctx, "limit");
    boolean size = Http.boolParam(ctx, "size", false);
    var filters = Http.filters(ctx);
    if (!size) {
      // every entry a current snapshot: copying ready bytes here costs less than a worker's round trip
      List<? extends JsonArrayStream.Item> ready;
      try {
        ready = backend.readyListEntries(all, limit, filters);
      } catch (RuntimeException e) {
        ErrorResponder.write(ctx.response(), e);
        return;
      }
      if (ready != null) {
        JsonArrayStream.writeItems(ctx.response(), ready);
        return;
      }
    }
    // made and sent in chunks from a worker: a long or stale list never holds up the event loop
    blocking(ctx, () -> {
      if (size) {
        JsonArrayStream.write(ctx.response(), backend.listWithSizes(all, limit, filters));
      } else {
        JsonArrayStream.writeItems(ctx.response(), backend.listEntries(all, limit, filters));
      }
      return null;
    });
  }

  private void getContainerJson(RoutingContext ctx) {
    boolean size = Http.boolParam(ctx, "size", false);
    blocking(ctx, () -> backend.inspect(ctx.pathParam("id"), size)).onSuccess(body -> Http.json(ctx, 200, body));
  }

  private void getContainerTop(RoutingContext ctx) {
    String psArgs = ctx.request().getParam("ps_args");
    blocking(ctx, () -> backend.top(ctx.pathParam("id"), psArgs)).onSuccess(body -> Http.json(ctx, 200, body));
  }

  private void postContainersCreate(RoutingContext ctx) {
    JsonObject body = Http.bodyJson(ctx);
    CreateBodyTypes.validate(body);
    String name = ctx.request().getParam("name");
    blocking(ctx, () -> backend.create(body, name))
        .onSuccess(id -> Http.json(ctx, 201, new JsonObject().put("Id", id).put("Warnings", new JsonArray())));
  }

  private void postContainersPrune(RoutingContext ctx) {
    var filters = Http.filters(ctx);
    blocking(ctx, () -> backend.prune(filters)).onSuccess(report -> Http.json(ctx, 200, report));
  }

  private void postContainerStart(RoutingContext ctx) {
    run(ctx, () -> backend.start(ctx.pathParam("id")));
  }

  private void postContainerStop(RoutingContext ctx) {
    Integer t = timeout(ctx);
    run(ctx, () -> backend.stop(ctx.pathParam("id"), t));
  }

  private void postContainerRestart(RoutingContext ctx) {
    Integer t = timeout(ctx);
    run(ctx, () -> backend.restart(ctx.pathParam("id"), t));
  }

  private void postContainerKill(RoutingContext ctx) {
    String signal = ctx.request().getParam("signal");
    run(ctx, () -> backend.kill(ctx.pathParam("id"), signal));
  }

  private void postContainerPause(RoutingContext ctx) {
    run(ctx, () -> backend.pause(ctx.pathParam("id")));
  }

  private void postContainerUnpause(RoutingContext ctx) {
    run(ctx, () -> backend.unpause(ctx.pathParam("id")));
  }

  private void postContainerRename(RoutingContext ctx) {
    String name = ctx.request().getParam("name");
    run(ctx, () -> backend.rename(ctx.pathParam("id"), name));
  }

  private void postContainerUpdate(RoutingContext ctx) {
    JsonObject body = Http.bodyJson(ctx);
    blocking(ctx, () -> {
      backend.update(ctx.pathParam("id"), body);
      return null;
    }).onSuccess(v -> Http.json(ctx, 200, new JsonObject().put("Warnings", new JsonArray())));
  }

  private void deleteContainer(RoutingContext ctx) {
    boolean force = Http.boolParam(ctx, "force", false);
    boolean volumes = Http.boolParam(ctx, "v", false);
    Http.boolParam(ctx, "link", false);
    run(ctx, () -> backend.remove(ctx.pathParam("id"), force, volumes));
  }

  /**
   * The 200 and headers go out at once (the CLI waits for them before it starts the
   * container); the body follows at the exit. A client that leaves early cancels the wait.
   */
  private void postContainerWait(RoutingContext ctx) {
    String condition = ctx.request().getParam("condition");
    ContainersBackend.Wait wait = backend.waitFor(ctx.pathParam("id"), condition);
    HttpServerResponse response = ctx.response();
    response.setStatusCode(200).setChunked(true).putHeader("Content-Type", "application/json").writeHead();
    var context = ctx.vertx().getOrCreateContext();
    response.closeHandler(v -> wait.cancel());
    wait.result()
        .thenAccept(
            code ->
                context.runOnContext(
                    v -> {
                      if (!response.ended() && !response.closed()) {
                        response.end(new JsonObject().put("StatusCode", code).put("Error", null).encode() + "\n");
                      }
                    }));
  }

  private static Integer timeout(RoutingContext ctx) {
    Integer t = Http.intParam(ctx, "t");
    return t != null ? t : Http.intParam(ctx, "timeout");
  }

  private static void run(RoutingContext ctx, Runnable op) {
    blocking(ctx, () -> {
      op.run();
      return null;
    }).onSuccess(v -> Http.noContent(ctx));
  }

  private static <T> Future<T> blocking(RoutingContext ctx, Callable<T> op) {
    return ctx.vertx()
        .executeBlocking(op, false)
        .onFailure(e -> ErrorResponder.write(ctx.response(), e));
  }
}
