package dev.berth.engine.api.compat;

import dev.berth.engine.errors.EngineException;
import io.vertx.ext.web.RoutingContext;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Strips Docker's optional /v1.NN prefix so that every route answers with and without it, and
 * refuses versions older than the minimum the way dockerd does (400 naming the minimum).
 */
public final class ApiVersionPrefix {

  public static final String CURRENT = "1.51";
  public static final String MINIMUM = "1.24";
  /** Key under which handlers find the negotiated version (CURRENT when unversioned). */
  public static final String CTX_KEY = "apiVersion";

  private static final Pattern PREFIX = Pattern.compile("^/v(\\d+)\\.(\\d+)(/.*)$");

  private ApiVersionPrefix() {}

  public static void handle(RoutingContext ctx) {
    String path = ctx.request().path();
    Matcher m = PREFIX.matcher(path);
    if (m.matches()) {
      int major = Integer.parseInt(m.group(1));
      int minor = Integer.parseInt(m.group(2));
      if (compare(major, minor, MINIMUM) < 0) {
        ctx.fail(
            EngineException.invalidParameter(
                "client version "
                    + major
                    + "."
                    + minor
                    + " is too old. Minimum supported API version is "
                    + MINIMUM
                    + ", please upgrade your client to a newer version"));
        return;
      }
      ctx.put(CTX_KEY, major + "." + minor);
      String query = ctx.request().query();
      ctx.reroute(ctx.request().method(), query == null ? m.group(3) : m.group(3) + "?" + query);
      return;
    }
    if (ctx.get(CTX_KEY) == null) {
      ctx.put(CTX_KEY, CURRENT);
    }
    ctx.next();
  }

  /** True when the negotiated version of this request is at least {@code version}. */
  public static boolean atLeast(RoutingContext ctx, String version) {
    String v = ctx.get(CTX_KEY);
    if (v == null) {
      return true;
    }
    String[] parts = v.split("\\.");
    return compare(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), version) >= 0;
  }

  private static int compare(int major, int minor, String other) {
    String[] o = other.split("\\.");
    int om = Integer.parseInt(o[0]);
    int on = Integer.parseInt(o[1]);
    return major != om ? Integer.compare(major, om) : Integer.compare(minor, on);
  }
}
