package dev.berth.gateway.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.gateway.TestGateway;
import dev.berth.gateway.hosts.HostsFixture;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every live socket is authenticated and authorised before the handshake completes. */
class LiveAuthIT {
  private static HostsFixture fx;
  private static String container;
  private static String viewerToken;
  private static String strangerToken;

  @BeforeAll
  static void setUp() throws Exception {
    fx = HostsFixture.get();
    long viewer = fx.createUser("live-auth-viewer", "user");
    fx.createUser("live-auth-stranger", "user");
    fx.grants("local", "user:" + viewer, "viewer");
    viewerToken = fx.login("live-auth-viewer")[1].substring(7);
    strangerToken = fx.login("live-auth-stranger")[1].substring(7);
    container = fx.engine.docker("run", "-d", "busybox", "sleep", "600");
  }

  private String path(String channel) {
    return "/api/hosts/local/containers/" + container + "/" + channel;
  }

  @Test
  void noOrBadCredentialIs401WithAMessage() throws Exception {
    WsClient.Refused none = WsClient.refused(fx.gw.baseUrl, path("logs/live"), "Sec-WebSocket-Protocol", "berth.logs.v1");
    assertEquals(401, none.status());
    assertNotNull(new JsonObject(none.body()).getString("message"));
    WsClient.Refused bad = WsClient.refused(fx.gw.baseUrl, "/api/events/live",
        "Sec-WebSocket-Protocol", "berth.events.v1, bearer.not-a-jwt");
    assertEquals(401, bad.status(), bad.body());
  }

  @Test
  void viewerMayNotOpenATerminalOrAttach() throws Exception {
    for (String channel : new String[] {"terminal", "attach"}) {
      WsClient.Refused r = WsClient.refused(fx.gw.baseUrl, path(channel),
          "Sec-WebSocket-Protocol", "berth.terminal.v1, bearer." + viewerToken);
      assertEquals(403, r.status(), r.body());
      assertTrue(new JsonObject(r.body()).getString("message").contains("operator"), r.body());
    }
  }

  @Test
  void aHostWithoutRoleIsInvisible() throws Exception {
    WsClient.Refused hidden = WsClient.refused(fx.gw.baseUrl, path("logs/live"),
        "Sec-WebSocket-Protocol", "berth.logs.v1, bearer." + strangerToken);
    assertEquals(404, hidden.status(), hidden.body());
    WsClient.Refused missing = WsClient.refused(fx.gw.baseUrl, "/api/hosts/nope/stats/live",
        "Sec-WebSocket-Protocol", "berth.stats.v1, bearer." + viewerToken);
    assertEquals(404, missing.status(), missing.body());
    WsClient.Refused noContainer = WsClient.refused(fx.gw.baseUrl, "/api/hosts/local/containers/nosuch/logs/live",
        "Sec-WebSocket-Protocol", "berth.logs.v1, bearer." + viewerToken);
    assertEquals(404, noContainer.status(), noContainer.body());
  }

  @Test
  void aPlainRequestOrAWrongSubprotocolIsRefused() throws Exception {
    assertEquals(426, fx.gw.get(path("logs/live"), TestGateway.bearer(viewerToken)).status());
    WsClient.Refused wrong = WsClient.refused(fx.gw.baseUrl, path("logs/live"),
        "Sec-WebSocket-Protocol", "berth.events.v1, bearer." + viewerToken);
    assertEquals(400, wrong.status(), wrong.body());
  }

  @Test
  void theServerSelectsTheChannelSubprotocolAndNeverTheBearer() throws Exception {
    try (WsClient ws = WsClient.open(fx.gw.baseUrl, "/api/events/live", "berth.events.v1", viewerToken)) {
      assertEquals("berth.events.v1", ws.socket.getSubprotocol());
      ws.send(new JsonObject().put("type", "ping"));
      ws.next(m -> m.getString("type").equals("pong"), 5000);
    }
  }

  @Test
  void aTokenRevokedMidSessionClosesWith1008() throws Exception {
    String token = fx.login("live-auth-viewer")[1].substring(7);
    try (WsClient ws = WsClient.open(fx.gw.baseUrl, "/api/events/live", "berth.events.v1", token)) {
      assertEquals(204, fx.gw.call("POST", "/api/auth/logout", null, TestGateway.bearer(token)).status());
      assertEquals(1008, ws.awaitClose(15_000));
    }
  }
}
