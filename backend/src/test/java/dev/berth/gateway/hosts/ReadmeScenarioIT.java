package dev.berth.gateway.hosts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.berth.gateway.TestGateway.Answer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * The README walk-through: the admin adds a teammate with operator on "local"; the teammate
 * can restart a container but not remove it.
 */
class ReadmeScenarioIT {

  @Test
  void teammateWithOperatorRestartsButCannotRemove() throws Exception {
    HostsFixture fx = HostsFixture.get();
    String id = fx.engine.docker("run", "-d", "--name", "readme-web", "busybox", "sleep", "1000");
    String startedBefore = fx.engine.docker("inspect", "-f", "{{.State.StartedAt}}", id);

    Answer created = fx.gw.post("/api/users", new JsonObject().put("username", "teammate")
        .put("password", HostsFixture.PASSWORD).put("globalRole", "user"), fx.admin);
    assertEquals(201, created.status(), created.body());
    long teammateId = created.json().getLong("id");
    Answer granted = fx.gw.call("PUT", "/api/hosts/local/access", new JsonObject().put("grants", new JsonArray()
        .add(new JsonObject().put("subject", "user:" + teammateId).put("role", "operator"))).encode(), fx.admin);
    assertEquals(200, granted.status(), granted.body());
    assertEquals("operator", granted.json().getJsonArray("grants").getJsonObject(0).getString("role"));

    String[] teammate = fx.login("teammate");
    Answer hosts = fx.gw.get("/api/hosts", teammate);
    assertEquals("local", hosts.json().getJsonArray("items").getJsonObject(0).getString("id"));
    assertEquals("operator", hosts.json().getJsonArray("items").getJsonObject(0).getString("role"));

    Answer restart = fx.gw.call("POST", "/api/hosts/local/containers/readme-web/restart?t=1", null, teammate);
    assertEquals(204, restart.status(), restart.body());
    assertNotEquals(startedBefore, fx.engine.docker("inspect", "-f", "{{.State.StartedAt}}", id));

    Answer remove = fx.gw.call("DELETE", "/api/hosts/local/containers/readme-web?force=true", null, teammate);
    assertEquals(403, remove.status());
    assertEquals("forbidden", remove.json().getString("code"));
    assertEquals("true", fx.engine.docker("inspect", "-f", "{{.State.Running}}", id));
  }
}
