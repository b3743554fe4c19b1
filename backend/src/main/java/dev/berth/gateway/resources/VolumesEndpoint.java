package dev.berth.gateway.resources;

import dev.berth.gateway.access.HostAuthorizer;
import dev.berth.gateway.access.HostScope;
import dev.berth.gateway.access.Role;
import dev.berth.gateway.http.HttpEndpoint;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** /api/hosts/{id}/volumes: list, create, remove. */
public final class VolumesEndpoint implements HttpEndpoint {

  private final HostAuthorizer authz;
  private final VolumeService volumes;

  public VolumesEndpoint(HostAuthorizer authz, VolumeService volumes) {
    this.authz = authz;
    this.volumes = volumes;
  }

  @Override
  public void addRoutes(Router api) {
    // GET
    api.get("/hosts/:id/volumes").handler(authz.require(Role.VIEWER)).handler(this::getVolumes);
    // POST
    api.post("/hosts/:id/volumes").handler(authz.require(Role.ADMIN)).handler(this::postVolumes);
    // DELETE
    api.delete("/hosts/:id/volumes/:name").handler(authz.require(Role.ADMIN)).handler(this::deleteVolume);
  }

  private void getVolumes(RoutingContext ctx) {
    volumes.list(HostScope.of(ctx).hostId()).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  private void postVolumes(RoutingContext ctx) {
    HostScope scope = HostScope.of(ctx);
    volumes.create(scope.host(), Replies.body(ctx), scope.policyApplies())
        .onSuccess(created -> Replies.created(ctx, created)).onFailure(ctx::fail);
  }

  private void deleteVolume(RoutingContext ctx) {
    volumes.remove(HostScope.of(ctx).hostId(), ctx.pathParam("name"), Params.bool(ctx.queryParams(), "force", false))
        .onSuccess(v -> Replies.noContent(ctx)).onFailure(ctx::fail);
  }
}
