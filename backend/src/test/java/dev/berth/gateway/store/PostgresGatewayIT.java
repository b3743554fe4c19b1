package dev.berth.gateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.gateway.TestGateway;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The whole gateway on PostgreSQL (BERTH_TEST_PG_* from scripts/test-services.sh), in a fresh schema. */
class PostgresGatewayIT {
  @Test
  void gatewayRunsOnPostgres() throws Exception {
    String url = System.getenv("BERTH_TEST_PG_URL");
    String user = System.getenv("BERTH_TEST_PG_USER");
    String password = System.getenv("BERTH_TEST_PG_PASSWORD");
    if (url == null) {
      throw new IllegalStateException("BERTH_TEST_PG_URL is not set: run eval \"$(bash scripts/test-services.sh)\" first");
    }
    String schema = "gw_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    }
    try (TestGateway gw = TestGateway.start(java.util.Map.of("BERTH_DB_PASSWORD", password),
        "--db-url", url + "?currentSchema=" + schema, "--db-user", user)) {
      String[] admin = gw.setupAdmin("root", "root password 1");
      assertEquals("postgresql", gw.get("/health").json().getJsonObject("database").getString("kind"));
      assertEquals(201, gw.post("/api/users", new JsonObject().put("username", "pat").put("password", "pat password 1"),
          admin).status());
      assertEquals(201, gw.post("/api/teams", new JsonObject().put("name", "ops"), admin).status());
      String key = gw.post("/api/me/keys", new JsonObject().put("name", "k"), admin).json().getString("key");
      assertEquals("root", gw.get("/api/me", "X-API-Key", key).json().getString("username"));
      Thread.sleep(200);
      assertEquals(1, gw.get("/api/audit?action=POST%20/api/users", admin).json().getLong("total"));
    } finally {
      try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA " + schema + " CASCADE");
      }
    }
  }
}
