package dev.berth.gateway.ops;

import dev.berth.gateway.auth.Authenticator;
import dev.berth.gateway.http.ApiError;
import dev.berth.gateway.http.HttpEndpoint;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * GET /metrics in Prometheus text format. Scrapers on this machine (loopback) need no
 * credentials; from elsewhere the caller must be a global admin (Bearer token or X-API-Key).
 */
public final class MetricsEndpoint implements HttpEndpoint {
  private final Metrics metrics;
  private final HostStatusSource hosts;
  private final Authenticator authenticator;

  public MetricsEndpoint(Metrics metrics, HostStatusSource hosts, Authenticator authenticator) {
    this.metrics = metrics;
    this.hosts = hosts;
    this.authenticator = authenticator;
  }

  @Override
  public void addRoutes(Router root) {
    // GET
    root.get("/metrics").handler(this::getMetrics);
  }

  private void getMetrics(RoutingContext ctx) {
    if (isLoopback(ctx.request().remoteAddress().host())) {
      write(ctx);
      return;
    }
    authenticator.authenticate(ctx.request()).onSuccess(caller -> {
      if (caller == null) {
        ctx.fail(ApiError.unauthorized("metrics need admin credentials from non-local addresses"));
      } else if (!caller.user().isAdmin()) {
        ctx.fail(ApiError.forbidden("metrics need the global admin role"));
      } else {
        write(ctx);
      }
    }).onFailure(ctx::fail);
  }

  private void write(RoutingContext ctx) {
    ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(metrics.scrape(hosts));
  }

  private static boolean isLoopback(String address) {
    try {
      return InetAddress.getByName(address).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
