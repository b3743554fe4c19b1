package dev.berth.gateway.ops;

import dev.berth.gateway.http.HttpEndpoint;
import dev.berth.gateway.store.Database;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * GET /health (public): 200 while the store answers, 503 when it does not. Hosts are counted, not
 * named, since the caller is anonymous; details are in /api/hosts.
 */
public final class HealthEndpoint implements HttpEndpoint {
  private final Database database;
  private final HostStatusSource hosts;

  public HealthEndpoint(Database database, HostStatusSource hosts) {
    this.database = database;
    this.hosts = hosts;
  }

  @Override
  public void addRoutes(Router root) {
    // GET
    root.get("/health").handler(this::getHealth);
  }

  private void getHealth(RoutingContext ctx) {
    database.ping().otherwise(false).onSuccess(dbUp -> {
      List<HostStatusSource.HostHealth> all = hosts.hostHealth();
      long up = all.stream().filter(HostStatusSource.HostHealth::up).count();
      String status = !dbUp ? "down" : up < all.size() ? "degraded" : "up";
      ctx.response().setStatusCode(dbUp ? 200 : 503);
      ctx.json(new JsonObject()
          .put("status", status)
          .put("database", new JsonObject().put("up", dbUp).put("kind", database.isPostgres() ? "postgresql" : "h2"))
          .put("hosts", new JsonObject().put("total", all.size()).put("up", up)));
    });
  }
}
