package dev.berth.engine.build;

import dev.berth.engine.api.ApiRoutes;
import dev.berth.engine.api.Http;
import dev.berth.engine.images.BodyInputStream;
import dev.berth.engine.images.ResponseOutputStream;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicBoolean;

/** POST /build: the classic builder (the engine advertises Builder-Version 1). */
public final class BuildRouter implements ApiRoutes {

  private final BuildService builds;

  public BuildRouter(BuildService builds) {
    this.builds = builds;
  }

  @Override
  public void mount(Router router) {
    // POST
    router.post("/build").handler(this::postBuild);
  }

  private void postBuild(RoutingContext ctx) {
    var q = ctx.request();
    BuildRequest request;
    try {
      request = BuildRequest.parse(q.getParam("dockerfile"), ctx.queryParam("t"), q.getParam("buildargs"),
          q.getParam("labels"), Http.boolParam(ctx, "nocache", false), Http.boolParam(ctx, "rm", true),
          Http.boolParam(ctx, "forcerm", false), q.getParam("target"), Http.boolParam(ctx, "q", false),
          q.getParam("networkmode"), q.getParam("remote"));
      // pull has nothing to do: the builder uses local images only
      Http.boolParam(ctx, "pull", false);
    } catch (RuntimeException e) {
      ctx.fail(e);
      return;
    }
    BodyInputStream body = new BodyInputStream(q, ctx.vertx().getOrCreateContext());
    AtomicBoolean gone = new AtomicBoolean();
    ctx.response().closeHandler(v -> gone.set(true));
    ctx.vertx().executeBlocking(() -> builds.prepare(request, body), false)
        .onFailure(ctx::fail)
        .onSuccess(prepared -> {
          HttpServerResponse response = ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json").setChunked(true);
          ctx.vertx().executeBlocking(() -> {
            try (OutputStream out = new ResponseOutputStream(response)) {
              builds.run(prepared, out, gone::get);
            }
            return null;
          }, false).onComplete(done -> {
            if (!response.ended() && !response.closed()) {
              response.end();
            }
          });
        });
  }
}
