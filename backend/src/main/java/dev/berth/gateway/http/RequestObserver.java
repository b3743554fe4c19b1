package dev.berth.gateway.http;

import dev.berth.gateway.audit.AuditContext;
import dev.berth.gateway.audit.AuditEntry;
import dev.berth.gateway.audit.AuditLog;
import dev.berth.gateway.auth.AuthUser;
import dev.berth.gateway.ops.Metrics;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.function.Supplier;

/**
 * First handler of every request: once the response is done it records the latency by route
 * template and, for mutating API requests, appends the generic audit entry.
 */
public final class RequestObserver implements Handler<RoutingContext> {
  private final Metrics metrics;
  private final AuditLog auditLog;
  private final Supplier<RouteTable> routes;

  RequestObserver(Metrics metrics, AuditLog auditLog, Supplier<RouteTable> routes) {
    this.metrics = metrics;
    this.auditLog = auditLog;
    this.routes = routes;
  }

  /**
   * Context key for the metrics template of a request an endpoint classified itself (the Docker
   * API proxy): such requests skip the route table, which has no template for them, and its
   * audit, which that endpoint writes.
   */
  public static final String METRICS_TEMPLATE = "berth.metricsTemplate";

  @Override
  public void handle(RoutingContext ctx) {
    long start = System.nanoTime();
    ctx.addEndHandler(done -> observe(ctx, start));
    ctx.next();
  }

  private void observe(RoutingContext ctx, long start) {
    HttpMethod method = ctx.request().method();
    String known = ctx.get(METRICS_TEMPLATE);
    if (known != null) {
      // set by an endpoint that classified the request itself (and audits it itself)
      metrics.recordRequest(method.name(), known, ctx.response().getStatusCode(), System.nanoTime() - start);
      return;
    }
    String path = ctx.request().path();
    RouteTable.Match match = routes.get().match(method, path);
    int status = ctx.response().getStatusCode();
    String template = match != null ? match.template()
        : path.startsWith("/api/") ? "/api/(unmatched)" : "(static)";
    metrics.recordRequest(method.name(), template, status, System.nanoTime() - start);
    if (match != null && isMutating(method) && path.startsWith("/api/") && !AuditContext.skipped(ctx)) {
      AuthUser user = AuthUser.orNull(ctx);
      String target = AuditContext.targetOf(ctx) != null ? AuditContext.targetOf(ctx) : targetOf(match.params());
      String hostId = match.template().startsWith("/api/hosts/{id}") ? match.params().get("id") : null;
      auditLog.record(new AuditEntry(System.currentTimeMillis(), user == null ? null : user.id(),
          user == null ? AuditContext.actorOf(ctx) : user.username(), ctx.request().remoteAddress().host(), hostId,
          method.name() + " " + match.template(), target, String.valueOf(status),
          AuditContext.detailOf(ctx)));
    }
  }

  private static boolean isMutating(HttpMethod method) {
    return method != HttpMethod.GET && method != HttpMethod.HEAD && method != HttpMethod.OPTIONS;
  }

  /** The most specific path parameter: the container in /hosts/{id}/containers/{cid}/stop. */
  private static String targetOf(Map<String, String> params) {
    String target = null;
    for (String value : params.values()) {
      target = value;
    }
    return target;
  }
}
