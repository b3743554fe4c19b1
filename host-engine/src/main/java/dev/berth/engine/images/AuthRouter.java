package dev.berth.engine.images;

import dev.berth.engine.api.ApiRoutes;
import dev.berth.engine.api.Http;
import dev.berth.engine.errors.EngineException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/** POST /auth: `docker login`. The credentials are checked with the registry and kept nowhere. */
public final class AuthRouter implements ApiRoutes {
  private final ImagesBackend backend;

  public AuthRouter(ImagesBackend backend) {
    this.backend = backend;
  }

  @Override
  public void mount(Router router) {
    router.post("/auth").handler(BodyHandler.create().setBodyLimit(64 * 1024)).handler(this::postAuth);
  }

  private void postAuth(RoutingContext ctx) {
    JsonObject body = Http.bodyJson(ctx);
    String server = text(body, "serveraddress");
    String user = text(body, "username");
    String password = text(body, "password");
    ctx.vertx().executeBlocking(() -> {
      backend.login(server, user, password);
      return null;
    }, false).onFailure(ctx::fail).onSuccess(v -> Http.json(ctx, 200,
        new JsonObject().put("Status", "Login Succeeded").put("IdentityToken", "")));
  }

  private static String text(JsonObject body, String key) {
    Object v = body.getValue(key);
    if (v != null && !(v instanceof String)) {
      throw EngineException.invalidParameter(key + " must be a string");
    }
    return (String) v;
  }
}
