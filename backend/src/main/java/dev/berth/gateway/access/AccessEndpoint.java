package dev.berth.gateway.access;

import dev.berth.gateway.http.ApiError;
import dev.berth.gateway.http.HttpEndpoint;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.List;

/** GET/PUT /hosts/{id}/access: the grants of one host (host admins and global admins). */
public final class AccessEndpoint implements HttpEndpoint {

  private static final int MAX_GRANTS = 1000;

  private final HostAuthorizer authz;
  private final GrantStore grants;

  public AccessEndpoint(HostAuthorizer authz, GrantStore grants) {
    this.authz = authz;
    this.grants = grants;
  }

  @Override
  public void addRoutes(Router api) {
    // GET
    api.get("/hosts/:id/access").handler(authz.require(Role.ADMIN)).handler(this::getAccess);
    // PUT
    api.put("/hosts/:id/access").handler(authz.require(Role.ADMIN)).handler(this::putAccess);
  }

  private void getAccess(RoutingContext ctx) {
    grants.grants(HostScope.of(ctx).hostId())
        .onSuccess(list -> ctx.json(toJson(list)))
        .onFailure(ctx::fail);
  }

  private void putAccess(RoutingContext ctx) {
    List<Grant> parsed = parse(ctx.body().asJsonObject());
    String hostId = HostScope.of(ctx).hostId();
    grants.replace(hostId, parsed)
        .compose(v -> grants.grants(hostId))
        .onSuccess(list -> ctx.json(toJson(list)))
        .onFailure(ctx::fail);
  }

  static List<Grant> parse(JsonObject body) {
    if (body == null || !(body.getValue("grants") instanceof JsonArray array)) {
      throw ApiError.badRequest("body must be {\"grants\": [{\"subject\": \"user:ID\", \"role\": \"viewer\"}, ...]}");
    }
    if (array.size() > MAX_GRANTS) {
      throw ApiError.badRequest("at most " + MAX_GRANTS + " grants per host");
    }
    List<Grant> out = new ArrayList<>();
    for (Object item : array) {
      if (!(item instanceof JsonObject grant)) {
        throw ApiError.badRequest("each grant must be an object {subject, role}");
      }
      try {
        out.add(Grant.fromJson(grant));
      } catch (IllegalArgumentException e) {
        throw ApiError.badRequest(e.getMessage());
      }
    }
    if (out.stream().map(Grant::subject).distinct().count() != out.size()) {
      throw ApiError.badRequest("each subject may appear only once in grants");
    }
    return out;
  }

  private static JsonObject toJson(List<Grant> list) {
    JsonArray array = new JsonArray();
    list.forEach(g -> array.add(g.toJson()));
    return new JsonObject().put("grants", array);
  }
}
