package dev.berth.engine.images;

import dev.berth.engine.api.ApiRoutes;
import dev.berth.engine.api.Http;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/** POST /commit: a container's changes become a new image. */
public final class CommitRouter implements ApiRoutes {

  private static final long MAX_BODY = 1024L * 1024;

  private final ImageCommit commits;

  public CommitRouter(ImageCommit commits) {
    this.commits = commits;
  }

  @Override
  public void mount(Router router) {
    // POST
    router.post("/commit").handler(BodyHandler.create().setBodyLimit(MAX_BODY)).handler(this::postCommit);
  }

  private void postCommit(RoutingContext ctx) {
    var q = ctx.request();
    // the CLI sends the JSON null when no config is given
    String raw = ctx.body() == null ? null : ctx.body().asString();
    JsonObject body = raw != null && raw.strip().equals("null") ? new JsonObject() : Http.bodyJson(ctx);
    ImageCommit.Request request = ImageCommit.prepare(q.getParam("container"), q.getParam("repo"), q.getParam("tag"),
        q.getParam("comment"), q.getParam("author"), Http.boolParam(ctx, "pause", true), ctx.queryParam("changes"), body);
    ctx.vertx().executeBlocking(() -> commits.run(request), false)
        .onFailure(ctx::fail)
        .onSuccess(id -> Http.json(ctx, 201, new JsonObject().put("Id", id)));
  }
}
