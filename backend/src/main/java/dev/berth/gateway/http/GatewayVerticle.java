package dev.berth.gateway.http;

import dev.berth.gateway.audit.AuditLog;
import dev.berth.gateway.ops.Metrics;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.List;
import java.util.function.Consumer;

/**
 * The HTTP verticle: installs the shared chain once (observer, body limit, authentication,
 * failure handler), mounts every API endpoint under /api, the ops endpoints at the root, and
 * the web UI from the classpath's webroot/ with fallback to index.html for client-side routes.
 */
public final class GatewayVerticle extends VerticleBase {
  /** What the verticle needs; shared by all instances. */
  public record Setup(HttpServerOptions serverOptions, long bodyLimit, Handler<RoutingContext> authenticator,
      Metrics metrics, AuditLog auditLog, List<HttpEndpoint> apiEndpoints, List<HttpEndpoint> rootEndpoints,
      Consumer<RouteTable> routesBuilt) {}

  private static final String WEBROOT = "webroot";
  private static final boolean HAS_UI =
      GatewayVerticle.class.getClassLoader().getResource(WEBROOT + "/index.html") != null;

  private final Setup setup;
  private volatile RouteTable routes;

  public GatewayVerticle(Setup setup) {
    this.setup = setup;
  }

  @Override
  public Future<?> start() {
    FailureHandler failures = new FailureHandler();
    Router root = Router.router(vertx);
    root.route().handler(new RequestObserver(setup.metrics(), setup.auditLog(), () -> routes));
    root.route().handler(GatewayVerticle::securityHeaders);
    setup.rootEndpoints().forEach(endpoint -> endpoint.addRoutes(root));

    Router api = Router.router(vertx);
    // Only requests that may carry a body go through the BodyHandler; GETs (and WebSocket
    // upgrades) stay streaming.
    api.route().method(HttpMethod.POST).method(HttpMethod.PUT).method(HttpMethod.PATCH).method(HttpMethod.DELETE)
        .handler(BodyHandler.create(false).setBodyLimit(setup.bodyLimit()));
    api.route().handler(setup.authenticator());
    setup.apiEndpoints().forEach(endpoint -> endpoint.addRoutes(api));
    api.route().failureHandler(failures);
    root.route("/api/*").subRouter(api);
    routes = RouteTable.of("/api", api.getRoutes());
    setup.routesBuilt().accept(routes);

    root.route("/api/*").handler(ctx -> ctx.fail(ApiError.notFound("no such API route: " + ctx.request().path())));
    if (HAS_UI) {
      root.route().method(HttpMethod.GET).method(HttpMethod.HEAD)
          .handler(StaticHandler.create(WEBROOT).setIndexPage("index.html"));
      // Client-side routes (/hosts/local/containers) are the UI's: answer with its index page.
      root.get().handler(ctx -> ctx.response().putHeader("Content-Type", "text/html; charset=utf-8")
          .sendFile(WEBROOT + "/index.html"));
    }
    root.route().failureHandler(failures);
    Handler<RoutingContext> notFound = ctx -> ctx.response().setStatusCode(404)
        .putHeader("Content-Type", "application/json")
        .end("{\"message\":\"not found: " + ctx.request().path().replace("\"", "") + "\",\"code\":\"not_found\"}");
    root.errorHandler(404, notFound);
    root.errorHandler(405, ctx -> ctx.response().setStatusCode(405).putHeader("Content-Type", "application/json")
        .end("{\"message\":\"method not allowed on this route\",\"code\":\"method_not_allowed\"}"));

    return vertx.createHttpServer(setup.serverOptions()).requestHandler(root).listen();
  }

  /** The UI must not be framed or content-sniffed; API answers hold per-user data and are never cached. */
  private static void securityHeaders(RoutingContext ctx) {
    ctx.response().headers()
        .set("X-Content-Type-Options", "nosniff")
        .set("X-Frame-Options", "DENY")
        .set("Referrer-Policy", "no-referrer");
    if (ctx.request().path().startsWith("/api/")) {
      ctx.response().headers().set("Cache-Control", "no-store");
    }
    ctx.next();
  }
}
