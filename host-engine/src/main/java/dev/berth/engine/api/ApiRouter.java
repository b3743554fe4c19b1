package dev.berth.engine.api;

import dev.berth.engine.api.compat.ApiVersionPrefix;
import dev.berth.engine.errors.ErrorResponder;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.util.List;

/** Builds the engine's single router: common headers, version prefixes, resource routers, errors. */
public final class ApiRouter {

  public static final String SERVER = "Berth/" + Versions.ENGINE + " (linux)";

  private ApiRouter() {}

  public static Router build(Vertx vertx, List<ApiRoutes> resources) {
    Router router = Router.router(vertx);
    router
        .route()
        .order(-100)
        .handler(
            ctx -> {
              ctx.response()
                  .putHeader("Server", SERVER)
                  .putHeader("Api-Version", ApiVersionPrefix.CURRENT)
                  .putHeader("Ostype", "linux")
                  .putHeader("Docker-Experimental", "false");
              ApiVersionPrefix.handle(ctx);
            });
    for (ApiRoutes resource : resources) {
      resource.mount(router);
    }
    router.route().failureHandler(ErrorResponder::handle);
    router.errorHandler(404, ErrorResponder::handle);
    router.errorHandler(405, ErrorResponder::handle);
    router.errorHandler(413, ErrorResponder::handle);
    return router;
  }
}
