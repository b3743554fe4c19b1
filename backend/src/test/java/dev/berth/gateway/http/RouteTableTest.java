package dev.berth.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RouteTableTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close();
  }

  @Test
  void matchesTemplatesAndExtractsParameters() {
    Router api = Router.router(vertx);
    api.route().handler(ctx -> ctx.next());
    api.get("/users/:id").handler(ctx -> ctx.end());
    api.patch("/users/:id").handler(ctx -> ctx.end());
    api.post("/hosts/:id/containers/:cid/start").handler(ctx -> ctx.end());
    RouteTable table = RouteTable.of("/api", api.getRoutes());
    assertEquals(3, table.entries().size());
    assertEquals(new RouteTable.Match("/api/users/{id}", Map.of("id", "7")), table.match(HttpMethod.PATCH, "/api/users/7"));
    assertEquals(new RouteTable.Match("/api/users/{id}", Map.of("id", "7")),
        table.match(HttpMethod.valueOf("PATCH"), "/api/users/7"));
    RouteTable.Match start = table.match(HttpMethod.POST, "/api/hosts/local/containers/web/start");
    assertEquals("/api/hosts/{id}/containers/{cid}/start", start.template());
    assertEquals("web", start.params().get("cid"));
    assertNull(table.match(HttpMethod.DELETE, "/api/users/7"));
    assertNull(table.match(HttpMethod.GET, "/api/users/7/x"));
  }
}
