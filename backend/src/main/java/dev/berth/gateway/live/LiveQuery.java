package dev.berth.gateway.live;

import dev.berth.gateway.http.ApiError;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Validated query parameters of the live routes; anything wrong fails with 400 before the handshake. */
final class LiveQuery {
  private static final Pattern UNIX_TIME = Pattern.compile("\\d{1,12}(\\.\\d{1,9})?");
  private static final Pattern WORD = Pattern.compile("[^\\p{Cntrl}]{1,256}");
  private static final Pattern LIST_ITEM = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
  private static final int MAX_COMMAND = 4096;

  private final RoutingContext ctx;

  LiveQuery(RoutingContext ctx) {
    this.ctx = ctx;
  }

  String text(String name) {
    String value = ctx.queryParams().get(name);
    return value == null || value.isEmpty() ? null : value;
  }

  boolean bool(String name, boolean fallback) {
    String value = text(name);
    if (value == null) {
      return fallback;
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default -> throw ApiError.badRequest(name + " must be true or false, got '" + value + "'");
    };
  }

  /** "all" or a count of lines. */
  String tail(String name, String fallback) {
    String value = text(name);
    if (value == null) {
      return fallback;
    }
    if (value.equals("all") || value.matches("\\d{1,9}")) {
      return value;
    }
    throw ApiError.badRequest(name + " must be a number of lines or 'all', got '" + value + "'");
  }

  String unixTime(String name) {
    String value = text(name);
    if (value != null && !UNIX_TIME.matcher(value).matches()) {
      throw ApiError.badRequest(name + " must be unix seconds such as 1700000000, got '" + value + "'");
    }
    return value;
  }

  /** A user name or directory: one line of printable text. */
  String word(String name) {
    String value = text(name);
    if (value != null && !WORD.matcher(value).matches()) {
      throw ApiError.badRequest(name + " must be printable text of at most 256 characters");
    }
    return value;
  }

  /** A command line split at whitespace (no shell quoting), or the fallback when absent. */
  List<String> command(String name, List<String> fallback) {
    String value = text(name);
    if (value == null) {
      return fallback;
    }
    if (value.length() > MAX_COMMAND || value.chars().anyMatch(c -> c == 0) || value.isBlank()) {
      throw ApiError.badRequest(name + " must be a command line of at most " + MAX_COMMAND + " characters");
    }
    return Arrays.asList(value.trim().split("\\s+"));
  }

  /** A comma-separated list of ids or type names; null when absent. */
  Set<String> list(String name) {
    String value = text(name);
    if (value == null) {
      return null;
    }
    Set<String> items = new LinkedHashSet<>();
    for (String item : value.split(",")) {
      String trimmed = item.trim().toLowerCase(Locale.ROOT);
      if (!LIST_ITEM.matcher(trimmed).matches()) {
        throw ApiError.badRequest(name + " must be a comma-separated list of names, got '" + item + "'");
      }
      items.add(trimmed);
    }
    return items;
  }
}
