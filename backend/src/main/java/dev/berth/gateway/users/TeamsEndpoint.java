package dev.berth.gateway.users;

import dev.berth.gateway.auth.AuthUser;
import dev.berth.gateway.http.Bodies;
import dev.berth.gateway.http.HttpEndpoint;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/** Teams and membership; global admins only. */
public final class TeamsEndpoint implements HttpEndpoint {
  private static final Set<String> FIELDS = Set.of("name", "description");

  private final TeamService teams;

  public TeamsEndpoint(TeamService teams) {
    this.teams = teams;
  }

  @Override
  public void addRoutes(Router api) {
    // GET
    api.get("/teams").handler(this::getTeams);
    api.get("/teams/:id").handler(this::getTeam);
    // POST
    api.post("/teams").handler(this::postTeams);
    // PATCH
    api.patch("/teams/:id").handler(this::patchTeam);
    // PUT
    api.put("/teams/:id/members/:userId").handler(this::putTeamMember);
    // DELETE
    api.delete("/teams/:id").handler(this::deleteTeam);
    api.delete("/teams/:id/members/:userId").handler(this::deleteTeamMember);
  }

  private void getTeams(RoutingContext ctx) {
    AuthUser.requireAdmin(ctx);
    teams.list().onSuccess(items -> ctx.json(new JsonObject().put("items", items).put("total", items.size())))
        .onFailure(ctx::fail);
  }

  private void getTeam(RoutingContext ctx) {
    AuthUser.requireAdmin(ctx);
    teams.get(Bodies.idParam(ctx, "id", "team")).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  private void postTeams(RoutingContext ctx) {
    AuthUser.requireAdmin(ctx);
    JsonObject body = Bodies.object(ctx);
    Bodies.onlyFields(body, FIELDS);
    teams.create(Bodies.string(body, "name", true), Bodies.string(body, "description", false))
        .onSuccess(team -> ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json").end(team.encode()))
        .onFailure(ctx::fail);
  }

  private void patchTeam(RoutingContext ctx) {
    AuthUser.requireAdmin(ctx);
    long id = Bodies.idParam(ctx, "id", "team");
    JsonObject body = Bodies.object(ctx);
    Bodies.onlyFields(body, FIELDS);
    teams.update(id, Bodies.string(body, "name", false), Bodies.string(body, "description", false))
        .onSuccess(ctx::json)
        .onFailure(ctx::fail);
  }

  private void putTeamMember(RoutingContext ctx) {
    AuthUser.requireAdmin(ctx);
    teams.addMember(Bodies.idParam(ctx, "id", "team"), Bodies.idParam(ctx, "userId", "user"))
        .onSuccess(added -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }

  private void deleteTeam(RoutingContext ctx) {
    AuthUser.requireAdmin(ctx);
    teams.delete(Bodies.idParam(ctx, "id", "team"))
        .onSuccess(v -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }

  private void deleteTeamMember(RoutingContext ctx) {
    AuthUser.requireAdmin(ctx);
    teams.removeMember(Bodies.idParam(ctx, "id", "team"), Bodies.idParam(ctx, "userId", "user"))
        .onSuccess(v -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }
}
