package dev.berth.gateway.hosts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.gateway.TestGateway.Answer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The security policy through the API: it binds host admins (everyone but global admins),
 * answers 403 policy_violation naming the rule, creates nothing, and host admins can switch
 * rules off in the host settings.
 */
class PolicyIT {

  private static final String HOST = "policy";
  private static HostsFixture fx;
  private static String[] hostAdmin;

  @BeforeAll
  static void setUp() throws Exception {
    fx = HostsFixture.get();
    HostsFixture.expect(201, fx.gw.post("/api/hosts", new JsonObject().put("id", HOST).put("url", fx.engine.url), fx.admin));
    long id = fx.createUser("pol-admin", "user");
    fx.grants(HOST, "user:" + id, "admin");
    hostAdmin = fx.login("pol-admin");
  }

  private static Answer create(String[] who, JsonObject spec) throws Exception {
    return fx.gw.post("/api/hosts/" + HOST + "/containers", spec.put("image", "busybox").put("cmd",
        new JsonArray().add("true")), who);
  }

  private static void assertViolation(String rule, Answer a, String name) throws Exception {
    assertEquals(403, a.status(), a.body());
    assertEquals("policy_violation", a.json().getString("code"));
    assertTrue(a.json().getString("message").contains("'" + rule + "'"), a.body());
    assertTrue(fx.engine.tryDocker("inspect", name).exitCode() != 0, "nothing was created");
  }

  @Test
  void hostNetworkBindMountsAndEngineSocketAreDenied() throws Exception {
    assertViolation("hostNamespaces", create(hostAdmin, new JsonObject().put("name", "pol-net").put("network", "host")),
        "pol-net");
    assertViolation("bindMounts", create(hostAdmin, new JsonObject().put("name", "pol-bind").put("volumes",
        new JsonArray().add(new JsonObject().put("source", "/etc").put("target", "/host-etc")))), "pol-bind");
    assertViolation("engineSocket", create(hostAdmin, new JsonObject().put("name", "pol-sock").put("volumes",
        new JsonArray().add(new JsonObject().put("source", fx.engine.url.substring("unix://".length()))
            .put("target", "/var/run/docker.sock")))), "pol-sock");
    Answer volume = fx.gw.post("/api/hosts/" + HOST + "/volumes", new JsonObject().put("name", "pol-vol")
        .put("driverOpts", new JsonObject().put("type", "none").put("o", "bind").put("device", "/etc")), hostAdmin);
    assertEquals(403, volume.status(), volume.body());
    assertTrue(volume.json().getString("message").contains("'bindMounts'"));
    assertTrue(fx.engine.tryDocker("volume", "inspect", "pol-vol").exitCode() != 0);
    // a named volume is fine
    assertEquals(201, create(hostAdmin, new JsonObject().put("name", "pol-ok").put("volumes",
        new JsonArray().add(new JsonObject().put("source", "pol-data").put("target", "/data")))).status());
  }

  @Test
  void globalAdminsAreNotBound() throws Exception {
    Answer a = create(fx.admin, new JsonObject().put("name", "pol-root-net").put("network", "host"));
    assertEquals(201, a.status(), a.body());
    assertEquals("host", fx.engine.docker("inspect", "-f", "{{.HostConfig.NetworkMode}}", "pol-root-net"));
  }

  @Test
  void hostAdminsSwitchRulesOffInTheHostSettings() throws Exception {
    Answer patched = fx.gw.call("PATCH", "/api/hosts/" + HOST,
        new JsonObject().put("policy", new JsonObject().put("bindMounts", false)).encode(), hostAdmin);
    assertEquals(200, patched.status(), patched.body());
    assertEquals(false, patched.json().getJsonObject("policy").getBoolean("bindMounts"));
    assertEquals(true, patched.json().getJsonObject("policy").getBoolean("engineSocket"));
    try {
      Answer bind = create(hostAdmin, new JsonObject().put("name", "pol-bind-ok").put("volumes",
          new JsonArray().add(new JsonObject().put("source", "/usr/share").put("target", "/t").put("readOnly", true))));
      assertEquals(201, bind.status(), bind.body());
      // the socket rule still holds
      assertViolation("engineSocket", create(hostAdmin, new JsonObject().put("name", "pol-sock2").put("volumes",
          new JsonArray().add(new JsonObject().put("source", "/var/run").put("target", "/r")))), "pol-sock2");
      Answer unknownRule = fx.gw.call("PATCH", "/api/hosts/" + HOST,
          new JsonObject().put("policy", new JsonObject().put("everything", false)).encode(), hostAdmin);
      assertEquals(400, unknownRule.status());
    } finally {
      fx.gw.call("PATCH", "/api/hosts/" + HOST,
          new JsonObject().put("policy", new JsonObject().put("bindMounts", true)).encode(), hostAdmin);
    }
  }
}
