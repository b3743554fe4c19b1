package dev.berth.gateway.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.gateway.TestGateway;
import dev.berth.gateway.TestGateway.Answer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The audit log records logins and mutating requests, filters and pages, and holds no secrets. */
class AuditIT {
  private static final String ROOT_PASSWORD = "root secret pw 1";
  private static final String IVAN_PASSWORD = "ivan secret pw 2";

  @Test
  void recordsLoginsAndMutationsWithoutSecrets() throws Exception {
    try (TestGateway gw = TestGateway.start()) {
      String[] admin = gw.setupAdmin("root", ROOT_PASSWORD);
      String adminToken = admin[1].substring(7);
      Answer created = gw.post("/api/users", new JsonObject().put("username", "ivan").put("password", IVAN_PASSWORD), admin);
      long ivan = created.json().getLong("id");
      gw.post("/api/auth/login", new JsonObject().put("username", "ivan").put("password", "wrong password 3"));
      String ivanToken = gw.login("ivan", IVAN_PASSWORD);
      String key = gw.post("/api/me/keys", new JsonObject().put("name", "ci"), TestGateway.bearer(ivanToken))
          .json().getString("key");
      assertEquals(200, gw.call("PATCH", "/api/users/" + ivan, "{\"password\":\"changed secret 4\"}", admin).status());
      gw.call("POST", "/api/auth/logout", null, TestGateway.bearer(ivanToken));
      Thread.sleep(300); // entries are written after the response

      Answer all = gw.get("/api/audit?limit=1000", admin);
      assertEquals(200, all.status());
      for (String secret : List.of(ROOT_PASSWORD, IVAN_PASSWORD, "wrong password 3", "changed secret 4", adminToken,
          ivanToken, key, key.substring(14))) {
        assertFalse(all.body().contains(secret), "the audit log holds a secret");
      }
      JsonArray logins = gw.get("/api/audit?action=login&user=ivan", admin).json().getJsonArray("items");
      assertEquals(List.of("success", "failure"), logins.stream().map(e -> ((JsonObject) e).getString("outcome")).toList(),
          "newest first");
      JsonObject failure = logins.getJsonObject(1);
      assertEquals("127.0.0.1", failure.getString("clientAddress"));
      assertEquals(null, failure.getValue("userId"));

      JsonArray patches = gw.get("/api/audit?action=" + "PATCH%20/api/users/%7Bid%7D", admin).json().getJsonArray("items");
      assertEquals(1, patches.size(), all.body());
      JsonObject patch = patches.getJsonObject(0);
      assertEquals("root", patch.getString("username"));
      assertEquals(String.valueOf(ivan), patch.getString("target"));
      assertEquals("200", patch.getString("outcome"));
      assertTrue(Instant.parse(patch.getString("time")).isAfter(Instant.now().minusSeconds(60)));

      assertEquals(1, gw.get("/api/audit?action=POST%20/api/me/keys&user=ivan", admin).json().getLong("total"));
      assertEquals(1, gw.get("/api/audit?action=POST%20/api/setup&user=root&outcome=201", admin).json().getLong("total"));
      assertEquals(1, gw.get("/api/audit?action=POST%20/api/auth/logout", admin).json().getLong("total"));
      assertEquals(0, gw.get("/api/audit?action=GET", admin).json().getLong("total"), "reads are not audited");

      Answer page = gw.get("/api/audit?limit=2&offset=1", admin);
      assertEquals(2, page.json().getJsonArray("items").size());
      assertTrue(page.json().getLong("total") >= 7);
      assertEquals(0, gw.get("/api/audit?from=" + Instant.now().plusSeconds(60), admin).json().getLong("total"));
      Answer badTime = gw.get("/api/audit?from=yesterday", admin);
      assertEquals(400, badTime.status());
      assertTrue(badTime.json().getString("message").contains("'from'"));
      assertEquals(400, gw.get("/api/audit?limit=0", admin).status());
    }
  }
}
