package dev.berth.gateway.users;

import dev.berth.gateway.auth.AuthUser;
import dev.berth.gateway.http.Bodies;
import dev.berth.gateway.http.HttpEndpoint;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/** User accounts; global admins only. */
public final class UsersEndpoint implements HttpEndpoint {
  private static final Set<String> CREATE_FIELDS = Set.of("username", "password", "globalRole");
  private static final Set<String> PATCH_FIELDS = Set.of("username", "password", "globalRole", "disabled");

  private final UserService users;

  public UsersEndpoint(UserService users) {
    this.users = users;
  }

  @Override
  public void addRoutes(Router api) {
    // GET
    api.get("/users").handler(this::getUsers);
    api.get("/users/:id").handler(this::getUser);
    // POST
    api.post("/users").handler(this::postUsers);
    // PATCH
    api.patch("/users/:id").handler(this::patchUser);
    // DELETE
    api.delete("/users/:id").handler(this::deleteUser);
  }

  private void getUsers(RoutingContext ctx) {
    AuthUser.requireAdmin(ctx);
    users.list().onSuccess(items -> ctx.json(new JsonObject().put("items", items).put("total", items.size())))
        .onFailure(ctx::fail);
  }

  private void getUser(RoutingContext ctx) {
    AuthUser.requireAdmin(ctx);
    users.get(Bodies.idParam(ctx, "id", "user")).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  private void postUsers(RoutingContext ctx) {
    AuthUser.requireAdmin(ctx);
    JsonObject body = Bodies.object(ctx);
    Bodies.onlyFields(body, CREATE_FIELDS);
    String role = Bodies.string(body, "globalRole", false);
    users.create(Bodies.string(body, "username", true), Bodies.string(body, "password", true),
            role == null ? AuthUser.USER : role)
        .onSuccess(user -> ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json").end(user.encode()))
        .onFailure(ctx::fail);
  }

  private void patchUser(RoutingContext ctx) {
    AuthUser.requireAdmin(ctx);
    long id = Bodies.idParam(ctx, "id", "user");
    JsonObject body = Bodies.object(ctx);
    Bodies.onlyFields(body, PATCH_FIELDS);
    users.update(id, Bodies.string(body, "username", false), Bodies.string(body, "password", false),
            Bodies.string(body, "globalRole", false), Bodies.bool(body, "disabled"))
        .onSuccess(ctx::json)
        .onFailure(ctx::fail);
  }

  private void deleteUser(RoutingContext ctx) {
    AuthUser.requireAdmin(ctx);
    users.delete(Bodies.idParam(ctx, "id", "user"))
        .onSuccess(v -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }
}
