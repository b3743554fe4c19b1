package dev.berth.engine.stats;

import dev.berth.engine.api.ApiRoutes;
import dev.berth.engine.api.Http;
import dev.berth.engine.errors.EngineException;
import dev.berth.engine.errors.ErrorResponder;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * GET /containers/{id}/stats: a frame per second while streaming (dockerd's collector
 * interval); with stream=false one frame whose precpu_stats is a second older, so the CLI's
 * `--no-stream` shows a real CPU %; with one-shot=true one frame at once, without precpu.
 */
public final class StatsRouter implements ApiRoutes {

  private static final long INTERVAL_MS = 1000;

  private final StatsBackend backend;
  private final long memTotal = HostCpu.memTotal();

  public StatsRouter(StatsBackend backend) {
    this.backend = backend;
  }

  @Override
  public void mount(Router router) {
    // GET
    router.get("/containers/:id/stats").handler(this::getContainerStats);
  }

  private void getContainerStats(RoutingContext ctx) {
    boolean stream = Http.boolParam(ctx, "stream", true);
    boolean oneShot = Http.boolParam(ctx, "one-shot", false);
    if (stream && oneShot) {
      throw EngineException.invalidParameter("cannot have stream=true and one-shot=true");
    }
    String ref = ctx.pathParam("id");
    blocking(ctx, () -> backend.target(ref))
        .onSuccess(
            t -> {
              HttpServerResponse response = ctx.response();
              if (stream) {
                response.setStatusCode(200).setChunked(true).putHeader("Content-Type", "application/json");
                tick(ctx, t.id(), null);
              } else if (oneShot || t.pid() == 0) {
                blocking(ctx, () -> sample(t, null)).onSuccess(frame -> Http.json(ctx, 200, frame));
              } else {
                blocking(ctx, () -> sample(t, null))
                    .onSuccess(first -> ctx.vertx().setTimer(INTERVAL_MS, id ->
                        blocking(ctx, () -> sample(backend.target(t.id()), first))
                            .onSuccess(frame -> Http.json(ctx, 200, frame))));
              }
            });
  }

  /** Writes one frame, then the next a second later, until the client or the container goes. */
  private void tick(RoutingContext ctx, String id, JsonObject previous) {
    HttpServerResponse response = ctx.response();
    if (response.closed() || response.ended()) {
      return;
    }
    ctx.vertx()
        .executeBlocking(() -> {
          StatsBackend.Target t = backend.targetIfPresent(id);
          return t == null ? null : sample(t, previous);
        }, false)
        .onComplete(ar -> {
          if (response.closed() || response.ended()) {
            return;
          }
          if (ar.failed() || ar.result() == null) {
            response.end();
            return;
          }
          JsonObject frame = ar.result();
          if (!response.writeQueueFull()) {
            response.write(frame.encode() + "\n");
          }
          ctx.vertx().setTimer(INTERVAL_MS, t -> tick(ctx, id, StatsSample.live(frame) ? frame : null));
        });
  }

  private JsonObject sample(StatsBackend.Target t, JsonObject previous) {
    return t.pid() == 0 ? StatsSample.empty(t) : StatsSample.take(t, previous, memTotal);
  }

  private static <T> Future<T> blocking(RoutingContext ctx, java.util.concurrent.Callable<T> op) {
    return ctx.vertx().executeBlocking(op, false).onFailure(e -> ErrorResponder.write(ctx.response(), e));
  }
}
