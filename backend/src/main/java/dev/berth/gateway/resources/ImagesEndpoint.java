package dev.berth.gateway.resources;

import dev.berth.gateway.access.HostAuthorizer;
import dev.berth.gateway.access.HostScope;
import dev.berth.gateway.access.Role;
import dev.berth.gateway.hosts.EngineStream;
import dev.berth.gateway.http.ApiError;
import dev.berth.gateway.http.HttpEndpoint;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.core.parsetools.RecordParser;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * /api/hosts/{id}/images. An image reference with slashes goes in one path segment,
 * URL-encoded (registry%2Fteam%2Fapp:1).
 */
public final class ImagesEndpoint implements HttpEndpoint {

  private final HostAuthorizer authz;
  private final ImageService images;

  public ImagesEndpoint(HostAuthorizer authz, ImageService images) {
    this.authz = authz;
    this.images = images;
  }

  @Override
  public void addRoutes(Router api) {
    // GET
    api.get("/hosts/:id/images").handler(authz.require(Role.VIEWER)).handler(this::getImages);
    api.get("/hosts/:id/images/:ref").handler(authz.require(Role.VIEWER)).handler(this::getImage);
    // POST
    api.post("/hosts/:id/images/pull").handler(authz.require(Role.ADMIN)).handler(this::postImagesPull);
    api.post("/hosts/:id/images/prune").handler(authz.require(Role.ADMIN)).handler(this::postImagesPrune);
    api.post("/hosts/:id/images/:ref/tag").handler(authz.require(Role.ADMIN)).handler(this::postImageTag);
    // DELETE
    api.delete("/hosts/:id/images/:ref").handler(authz.require(Role.ADMIN)).handler(this::deleteImage);
  }

  private void getImages(RoutingContext ctx) {
    images.list(HostScope.of(ctx).hostId(), Params.bool(ctx.queryParams(), "all", false))
        .onSuccess(ctx::json).onFailure(ctx::fail);
  }

  private void getImage(RoutingContext ctx) {
    images.inspect(HostScope.of(ctx).hostId(), ctx.pathParam("ref")).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  /** Body {image, tag}; answers NDJSON progress, one engine message per line, as it comes. */
  private void postImagesPull(RoutingContext ctx) {
    JsonObject body = Replies.body(ctx);
    String image = body.getValue("image") instanceof String s ? s : null;
    Object tag = body.getValue("tag");
    if (image == null || image.isBlank()) {
      throw ApiError.badRequest("image is required, e.g. {\"image\": \"busybox\", \"tag\": \"latest\"}");
    }
    if (tag != null && (!(tag instanceof String t) || !t.matches("[a-zA-Z0-9_][a-zA-Z0-9_.-]{0,127}"))) {
      throw ApiError.badRequest("tag must be a valid image tag");
    }
    images.pull(HostScope.of(ctx).hostId(), image, (String) tag)
        .onSuccess(stream -> streamLines(ctx, stream)).onFailure(ctx::fail);
  }

  private static void streamLines(RoutingContext ctx, EngineStream stream) {
    HttpServerResponse response = ctx.response().setStatusCode(200).setChunked(true)
        .putHeader("Content-Type", "application/x-ndjson");
    RecordParser lines = RecordParser.newDelimited("\n", stream.body());
    response.closeHandler(v -> stream.close());
    lines.handler(line -> {
      String text = line.toString().trim();
      if (!text.isEmpty()) {
        response.write(text + "\n");
      }
      if (response.writeQueueFull()) {
        lines.pause();
        response.drainHandler(v -> lines.resume());
      }
    });
    lines.exceptionHandler(e -> {
      if (!response.ended()) {
        response.end(new JsonObject().put("error", "engine stream broke: " + e.getMessage()).encode() + "\n");
      }
    });
    lines.endHandler(v -> {
      if (!response.ended()) {
        response.end();
      }
    });
  }

  private void postImagesPrune(RoutingContext ctx) {
    images.prune(HostScope.of(ctx).hostId(), Params.bool(ctx.queryParams(), "all", false))
        .onSuccess(ctx::json).onFailure(ctx::fail);
  }

  /** Body {repo, tag}. */
  private void postImageTag(RoutingContext ctx) {
    JsonObject body = Replies.body(ctx);
    String repo = body.getValue("repo") instanceof String s ? s : null;
    Object tag = body.getValue("tag");
    if (repo == null) {
      throw ApiError.badRequest("repo is required, e.g. {\"repo\": \"myapp\", \"tag\": \"v1\"}");
    }
    if (tag != null && (!(tag instanceof String t) || !t.matches("[a-zA-Z0-9_][a-zA-Z0-9_.-]{0,127}"))) {
      throw ApiError.badRequest("tag must be a valid image tag");
    }
    String newTag = tag == null ? "latest" : (String) tag;
    images.tag(HostScope.of(ctx).hostId(), ctx.pathParam("ref"), repo, newTag)
        .onSuccess(v -> Replies.created(ctx, new JsonObject().put("image", repo + ":" + newTag)))
        .onFailure(ctx::fail);
  }

  private void deleteImage(RoutingContext ctx) {
    MultiMap q = ctx.queryParams();
    images.remove(HostScope.of(ctx).hostId(), ctx.pathParam("ref"), Params.bool(q, "force", false),
        Params.bool(q, "noprune", false)).onSuccess(ctx::json).onFailure(ctx::fail);
  }
}
