package dev.berth.gateway.resources;

import dev.berth.gateway.http.ApiError;
import io.vertx.core.MultiMap;

/** Query parameter parsing with 400s that name the parameter. */
final class Params {

  private Params() {
  }

  static boolean bool(MultiMap params, String name, boolean fallback) {
    String v = params.get(name);
    if (v == null || v.isEmpty()) {
      return v != null || fallback;
    }
    return switch (v) {
      case "1", "true" -> true;
      case "0", "false" -> false;
      default -> throw ApiError.badRequest(name + " must be true or false");
    };
  }

  static int integer(MultiMap params, String name, int fallback, int min, int max) {
    String v = params.get(name);
    if (v == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v);
      if (n < min || n > max) {
        throw ApiError.badRequest(name + " must be between " + min + " and " + max);
      }
      return n;
    } catch (NumberFormatException e) {
      throw ApiError.badRequest(name + " must be a whole number");
    }
  }

  /** A Docker "since" value: epoch seconds (with optional fraction) or an RFC 3339 time. */
  static String since(MultiMap params, String name) {
    String v = params.get(name);
    if (v == null) {
      return null;
    }
    if (v.matches("[0-9]{1,12}(\\.[0-9]{1,9})?")) {
      return v;
    }
    try {
      return String.valueOf(java.time.Instant.parse(v).getEpochSecond());
    } catch (java.time.format.DateTimeParseException e) {
      throw ApiError.badRequest(name + " must be epoch seconds or an RFC 3339 time");
    }
  }
}
