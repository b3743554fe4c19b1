package dev.berth.gateway.http;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/** Reading and validating request input, with 400 messages that name the field. */
public final class Bodies {
  private Bodies() {}

  /** The JSON object body; 400 when absent or not an object. */
  public static JsonObject object(RoutingContext ctx) {
    JsonObject body;
    try {
      body = ctx.body() == null || ctx.body().length() == 0 ? null : ctx.body().asJsonObject();
    } catch (DecodeException | ClassCastException e) {
      throw ApiError.badRequest("request body must be a JSON object");
    }
    if (body == null) {
      throw ApiError.badRequest("request body must be a JSON object");
    }
    return body;
  }

  /** 400 naming the first field that is not in {@code allowed}. */
  public static void onlyFields(JsonObject body, Set<String> allowed) {
    for (String field : body.fieldNames()) {
      if (!allowed.contains(field)) {
        throw ApiError.badRequest("unknown field '" + field + "'; allowed: " + String.join(", ", allowed.stream().sorted().toList()));
      }
    }
  }

  /** A string field; null when absent and optional. */
  public static String string(JsonObject body, String field, boolean required) {
    Object value = body.getValue(field);
    if (value == null) {
      if (required) {
        throw ApiError.badRequest("field '" + field + "' is required");
      }
      return null;
    }
    if (!(value instanceof String text)) {
      throw ApiError.badRequest("field '" + field + "' must be a string");
    }
    return text;
  }

  /** A boolean field; null when absent. */
  public static Boolean bool(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (value != null && !(value instanceof Boolean)) {
      throw ApiError.badRequest("field '" + field + "' must be true or false");
    }
    return (Boolean) value;
  }

  /** A numeric path parameter such as a user id; 404 when not a number (no such resource). */
  public static long idParam(RoutingContext ctx, String name, String what) {
    String raw = ctx.pathParam(name);
    try {
      return Long.parseLong(raw);
    } catch (NumberFormatException e) {
      throw ApiError.notFound("no " + what + " " + raw);
    }
  }

  /** An optional integer query parameter within bounds, else the default. */
  public static int intQuery(RoutingContext ctx, String name, int defaultValue, int min, int max) {
    String raw = ctx.queryParams().get(name);
    if (raw == null || raw.isEmpty()) {
      return defaultValue;
    }
    try {
      int value = Integer.parseInt(raw);
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ApiError.badRequest("query parameter '" + name + "' must be a whole number from " + min + " to " + max);
  }
}
