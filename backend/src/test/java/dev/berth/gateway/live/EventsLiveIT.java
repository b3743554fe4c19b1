package dev.berth.gateway.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.gateway.hosts.HostsFixture;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Engine events over one socket for all visible hosts. A second host "live-h2" points to the
 * same engine, so every container event exists on both hosts: the user with a role on "local"
 * only must see it there and never on "live-h2", while an admin sees it on both.
 */
class EventsLiveIT {
  private static HostsFixture fx;
  private static String userToken;
  private static String adminToken;
  private static long userId;

  @BeforeAll
  static void setUp() throws Exception {
    fx = HostsFixture.get();
    HostsFixture.expect(201, fx.gw.post("/api/hosts",
        new JsonObject().put("id", "live-h2").put("name", "second").put("url", fx.engine.url), fx.admin));
    userId = fx.createUser("live-events-user", "user");
    fx.grants("local", "user:" + userId, "viewer");
    userToken = fx.login("live-events-user")[1].substring(7);
    adminToken = fx.admin[1].substring(7);
  }

  private static WsClient events(String token, String query) throws InterruptedException {
    WsClient ws = WsClient.open(fx.gw.baseUrl, "/api/events/live" + query, "berth.events.v1", token);
    return ws;
  }

  /** Waits until every given host is reported up, in any order (next() drops what it skips). */
  private static void awaitUp(WsClient ws, String... hosts) throws InterruptedException {
    Set<String> missing = new HashSet<>(List.of(hosts));
    while (!missing.isEmpty()) {
      JsonObject m = ws.next(x -> "host".equals(x.getString("type")) && "up".equals(x.getString("state"))
          && missing.contains(x.getString("host")), 15_000);
      missing.remove(m.getString("host"));
    }
  }

  private static boolean isEvent(JsonObject m, String host, String container, String action) {
    if (!"event".equals(m.getString("type")) || !host.equals(m.getString("host"))) {
      return false;
    }
    JsonObject e = m.getJsonObject("event");
    return action.equals(e.getString("Action")) && container.equals(e.getJsonObject("Actor").getString("ID"));
  }

  @Test
  void startAndDieArriveOnlyFromHostsWithARole() throws Exception {
    try (WsClient user = events(userToken, "?types=container"); WsClient admin = events(adminToken, "?types=container")) {
      awaitUp(user, "local");
      awaitUp(admin, "local", "live-h2");
      String c = fx.engine.docker("run", "-d", "busybox", "sh", "-c", "sleep 0.5");
      user.next(m -> isEvent(m, "local", c, "start"), 10_000);
      user.next(m -> isEvent(m, "local", c, "die"), 10_000);
      admin.next(m -> isEvent(m, "live-h2", c, "die"), 10_000);
      // the same events exist on live-h2 (the admin got them): the user must have none of them
      TimeUnit.MILLISECONDS.sleep(500);
      List<JsonObject> rest = new ArrayList<>();
      user.json.drainTo(rest);
      for (JsonObject m : rest) {
        assertTrue(!"live-h2".equals(m.getString("host")), "event of an invisible host: " + m.encode());
        assertTrue(!"event".equals(m.getString("type")) || "container".equals(m.getJsonObject("event").getString("Type")),
            "type filter ignored: " + m.encode());
      }
      fx.engine.docker("rm", "-f", c);
    }
  }

  @Test
  void aClientResumesFromItsLastCursor() throws Exception {
    String first;
    String cursor;
    try (WsClient ws = events(userToken, "?hosts=local&types=container")) {
      awaitUp(ws, "local");
      first = fx.engine.docker("run", "-d", "busybox", "true");
      String id = first;
      cursor = ws.next(m -> isEvent(m, "local", id, "die"), 10_000).getString("cursor");
    }
    // while no socket is open the host's feed keeps buffering
    String second = fx.engine.docker("run", "-d", "busybox", "true");
    Thread.sleep(1000);
    try (WsClient ws = events(userToken, "?hosts=local&types=container&since=" + cursor)) {
      JsonObject replayed = ws.next(m -> "event".equals(m.getString("type")), 10_000);
      assertEquals(second, replayed.getJsonObject("event").getJsonObject("Actor").getString("ID"),
          "the first replayed event must be the first one after the cursor: " + replayed.encode());
      ws.next(m -> isEvent(m, "local", second, "die"), 10_000);
    }
    WsClient.Refused bad = WsClient.refused(fx.gw.baseUrl, "/api/events/live?since=garbage",
        "Sec-WebSocket-Protocol", "berth.events.v1, bearer." + userToken);
    assertEquals(400, bad.status(), bad.body());
    fx.engine.docker("rm", "-f", first, second);
  }

  @Test
  void aRevokedGrantStopsTheFlow() throws Exception {
    long other = fx.createUser("live-events-revoked", "user");
    fx.grants("local", "user:" + other, "viewer");
    String token = fx.login("live-events-revoked")[1].substring(7);
    try (WsClient ws = events(token, "?types=container")) {
      awaitUp(ws, "local");
      fx.grants("local");
      Thread.sleep(2 * EventSubscriber.VISIBILITY_REFRESH_MS + 1000);
      String c = fx.engine.docker("run", "-d", "busybox", "true");
      Thread.sleep(1500);
      List<JsonObject> rest = new ArrayList<>();
      ws.json.drainTo(rest);
      assertTrue(rest.stream().noneMatch(m -> "event".equals(m.getString("type"))), "events after revoke: " + rest);
      fx.engine.docker("rm", "-f", c);
    } finally {
      fx.grants("local", "user:" + userId, "viewer");
    }
  }
}
