package dev.berth.gateway.hosts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.gateway.TestGateway;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Hosts registered from the configuration at start: stored once, their url follows the config. */
class SeedHostsIT {

  @Test
  void seedIsRegisteredDownWhenAbsentAndFollowsTheConfiguredUrl() throws Exception {
    HostsFixture fx = HostsFixture.get();
    Path data = Files.createTempDirectory(Path.of("/tmp"), "gh-seed-");
    String[] admin;
    try (TestGateway first = TestGateway.start("--data-dir", data.toString(), "--hosts", "local=unix:///tmp/gh-seed-none/d.sock")) {
      admin = first.setupAdmin("root", HostsFixture.PASSWORD);
      JsonObject local = first.get("/api/hosts/local", admin).json();
      assertEquals("unix:///tmp/gh-seed-none/d.sock", local.getString("url"));
      assertFalse(local.getJsonObject("status").getBoolean("up"));
      assertEquals(200, first.call("PATCH", "/api/hosts/local", new JsonObject().put("name", "Mine").encode(), admin).status());
      assertEquals(502, first.get("/api/hosts/local/containers", admin).status());
    }
    try (TestGateway second = TestGateway.start("--data-dir", data.toString(), "--hosts", "local=" + fx.engine.url)) {
      admin = TestGateway.bearer(second.login("root", HostsFixture.PASSWORD));
      JsonObject local = second.get("/api/hosts/local", admin).json();
      assertEquals(fx.engine.url, local.getString("url"));
      assertEquals("Mine", local.getString("name"), "settings made through the API are kept");
      assertEquals(200, second.get("/api/hosts/local/containers", admin).status());
      assertTrue(second.get("/api/hosts/local", admin).json().getJsonObject("status").getBoolean("up"));
    } finally {
      new ProcessBuilder("rm", "-rf", data.toString()).start().waitFor();
    }
  }
}
