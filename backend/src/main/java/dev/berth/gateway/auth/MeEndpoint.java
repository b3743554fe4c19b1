package dev.berth.gateway.auth;

import dev.berth.gateway.http.ApiError;
import dev.berth.gateway.http.Bodies;
import dev.berth.gateway.http.HttpEndpoint;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/** The caller's own account and API keys. */
public final class MeEndpoint implements HttpEndpoint {
  private final ApiKeys apiKeys;

  public MeEndpoint(ApiKeys apiKeys) {
    this.apiKeys = apiKeys;
  }

  @Override
  public void addRoutes(Router api) {
    // GET
    api.get("/me").handler(this::getMe);
    api.get("/me/keys").handler(this::getMeKeys);
    // POST
    api.post("/me/keys").handler(this::postMeKeys);
    // DELETE
    api.delete("/me/keys/:id").handler(this::deleteMeKey);
  }

  private void getMe(RoutingContext ctx) {
    ctx.json(AuthUser.of(ctx).toJson());
  }

  private void getMeKeys(RoutingContext ctx) {
    apiKeys.list(AuthUser.of(ctx).id())
        .onSuccess(items -> ctx.json(new JsonObject().put("items", items).put("total", items.size())))
        .onFailure(ctx::fail);
  }

  private void postMeKeys(RoutingContext ctx) {
    AuthUser user = AuthUser.of(ctx);
    JsonObject body = Bodies.object(ctx);
    Bodies.onlyFields(body, Set.of("name"));
    String name = Bodies.string(body, "name", true).strip();
    if (name.isEmpty() || name.length() > 100) {
      throw ApiError.badRequest("field 'name' must be 1 to 100 characters");
    }
    apiKeys.create(user.id(), name)
        .onSuccess(key -> ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json")
            .putHeader("Cache-Control", "no-store").end(key.encode()))
        .onFailure(ctx::fail);
  }

  private void deleteMeKey(RoutingContext ctx) {
    AuthUser user = AuthUser.of(ctx);
    long keyId = Bodies.idParam(ctx, "id", "API key");
    apiKeys.delete(user.id(), keyId)
        .onSuccess(v -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }
}
