package dev.berth.engine.exec;

import dev.berth.engine.api.ApiRoutes;
import dev.berth.engine.api.Http;
import dev.berth.engine.api.compat.ApiVersionPrefix;
import dev.berth.engine.errors.EngineException;
import dev.berth.engine.events.EventLog;
import dev.berth.engine.streams.AttachSession;
import dev.berth.engine.streams.ClientConnection;
import dev.berth.engine.streams.DetachKeys;
import dev.berth.engine.streams.StreamPools;
import dev.berth.engine.streams.TtyResize;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;

/** Exec instances: create, start (hijacked like attach), resize and inspect. */
public final class ExecRouter implements ApiRoutes {

  private final ExecService service;
  private final EventLog events;
  private final StreamPools pools;

  public ExecRouter(ExecService service, EventLog events, StreamPools pools) {
    this.service = service;
    this.events = events;
    this.pools = pools;
  }

  @Override
  public void mount(Router router) {
    // GET
    router.get("/exec/:id/json").handler(this::getExecJson);
    // POST
    router.post("/containers/:id/exec").handler(BodyHandler.create()).handler(this::postContainersExec);
    router.post("/exec/:id/start").handler(BodyHandler.create()).handler(this::postExecStart);
    router.post("/exec/:id/resize").handler(this::postExecResize);
  }

  private void postContainersExec(RoutingContext ctx) {
    ExecConfig config = Http.body(ctx, ExecConfig.class);
    String id = service.create(ctx.pathParam("id"), config);
    Http.json(ctx, 201, new JsonObject().put("Id", id));
  }

  private void postExecStart(RoutingContext ctx) {
    ExecStartConfig start = Http.body(ctx, ExecStartConfig.class);
    ExecInstance exec = service.get(ctx.pathParam("id"));
    ExecContainer c = service.claim(exec);
    ExecConfig config = exec.config();
    int[] size = consoleSize(start.consoleSize != null ? start.consoleSize : config.consoleSize);
    if (start.detach) {
      ctx.vertx()
          .executeBlocking(() -> service.run(c, exec, size[0], size[1], null, null), false)
          .onFailure(ctx::fail)
          .onSuccess(
              error -> {
                if (error != null) {
                  ctx.fail(EngineException.system(error, null));
                } else {
                  ctx.response().setStatusCode(200).end();
                }
              });
      return;
    }
    DetachKeys keys = DetachKeys.parse(config.detachKeys);
    ClientConnection.open(ctx, !config.tty && ApiVersionPrefix.atLeast(ctx, "1.42"))
        .onFailure(ctx::fail)
        .onSuccess(
            client ->
                pools.blocking().execute(
                    () ->
                        service.run(
                            c,
                            exec,
                            size[0],
                            size[1],
                            target ->
                                new AttachSession(
                                        target,
                                        client,
                                        config.attachStdin,
                                        config.attachStdout,
                                        config.attachStderr,
                                        keys,
                                        () ->
                                            events.publish(
                                                "container", "exec_detach", exec.containerId(), target.eventAttributes()),
                                        pools.blocking())
                                    .start(),
                            client)));
  }

  private void postExecResize(RoutingContext ctx) {
    int h = TtyResize.dimension(ctx, "h");
    int w = TtyResize.dimension(ctx, "w");
    ExecInstance exec = service.get(ctx.pathParam("id"));
    ctx.vertx()
        .executeBlocking(() -> { service.resize(exec, h, w); return null; }, false)
        .onFailure(ctx::fail)
        .onSuccess(v -> ctx.response().setStatusCode(200).end());
  }

  private void getExecJson(RoutingContext ctx) {
    Http.json(ctx, 200, service.get(ctx.pathParam("id")).toJson());
  }

  private static int[] consoleSize(List<Integer> size) {
    if (size == null || size.size() != 2 || size.get(0) == null || size.get(1) == null) {
      return new int[] {0, 0};
    }
    return new int[] {size.get(0), size.get(1)};
  }

}
