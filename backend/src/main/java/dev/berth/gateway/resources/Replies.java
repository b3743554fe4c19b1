package dev.berth.gateway.resources;

import dev.berth.gateway.http.ApiError;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Small helpers shared by the resource endpoints. */
final class Replies {

  private Replies() {
  }

  static void noContent(RoutingContext ctx) {
    ctx.response().setStatusCode(204).end();
  }

  static void created(RoutingContext ctx, JsonObject body) {
    ctx.response().setStatusCode(201);
    ctx.json(body);
  }

  /** The JSON object body of the request; anything else is a 400. */
  static JsonObject body(RoutingContext ctx) {
    JsonObject body = ctx.body() == null ? null : ctx.body().asJsonObject();
    if (body == null) {
      throw ApiError.badRequest("request body must be a JSON object");
    }
    return body;
  }
}
