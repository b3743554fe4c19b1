package dev.berth.gateway.http;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Writes every failure as {@code {"message": ..., "code": ...}} with the matching status. */
public final class FailureHandler implements Handler<RoutingContext> {
  /** Context key: seconds a throttled client should wait, sent as Retry-After with a 429. */
  public static final String RETRY_AFTER = "berth.retryAfter";
  private static final Logger LOG = Logger.getLogger(FailureHandler.class.getName());

  @Override
  public void handle(RoutingContext ctx) {
    ApiError error = toApiError(ctx);
    if (ctx.response().headWritten()) {
      // A stream already started: the error can only be logged and the connection closed.
      LOG.log(Level.FINE, "failure after response started: " + error.getMessage());
      ctx.request().connection().close();
      return;
    }
    if (error.status() == 429 && ctx.get(RETRY_AFTER) != null) {
      ctx.response().putHeader("Retry-After", String.valueOf((Long) ctx.get(RETRY_AFTER)));
    }
    if (error.status() == 401) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer");
    }
    ctx.response()
        .setStatusCode(error.status())
        .putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("message", error.getMessage()).put("code", error.code()).encode());
  }

  static ApiError toApiError(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof ApiError api) {
      return api;
    }
    if (failure instanceof HttpException http) {
      return fromStatus(http.getStatusCode(), http.getPayload());
    }
    if (failure instanceof io.vertx.core.json.DecodeException) {
      return ApiError.badRequest("request body is not valid JSON");
    }
    if (failure != null) {
      LOG.log(Level.WARNING, "unhandled error on " + ctx.request().method() + " " + ctx.request().path(), failure);
      return ApiError.internal("internal error");
    }
    return fromStatus(ctx.statusCode(), null);
  }

  private static ApiError fromStatus(int status, String payload) {
    return switch (status) {
      case 400 -> ApiError.badRequest(payload != null ? payload : "bad request");
      case 401 -> ApiError.unauthorized("authentication required");
      case 403 -> ApiError.forbidden("not allowed");
      case 404 -> ApiError.notFound("no such route");
      case 405 -> new ApiError(405, "method_not_allowed", "method not allowed on this route");
      case 413 -> ApiError.payloadTooLarge("request body is larger than the configured limit");
      case 415 -> new ApiError(415, "unsupported_media_type", "unsupported content type");
      default -> status >= 400 && status < 500
          ? new ApiError(status, "bad_request", payload != null ? payload : "bad request")
          : ApiError.internal("internal error");
    };
  }
}
