package dev.berth.gateway.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.gateway.TestGateway;
import dev.berth.gateway.hosts.HostsFixture;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Terminals and attach through the gateway, typed into with a real WebSocket client. */
class TerminalLiveIT {
  private static HostsFixture fx;
  private static String token;
  private static String container;

  @BeforeAll
  static void setUp() throws Exception {
    fx = HostsFixture.get();
    long operator = fx.createUser("live-term-operator", "user");
    fx.grants("local", "user:" + operator, "operator");
    token = fx.login("live-term-operator")[1].substring(7);
    container = fx.engine.docker("run", "-d", "busybox", "sleep", "600");
  }

  private static WsClient terminal(String query) {
    return WsClient.open(fx.gw.baseUrl, "/api/hosts/local/containers/" + container + "/terminal" + query,
        "berth.terminal.v1", token);
  }

  @Test
  void typedInputIsEchoedAndTheExitCodeIsReported() throws Exception {
    try (WsClient ws = terminal("")) {
      assertEquals("berth.terminal.v1", ws.socket.getSubprotocol());
      ws.send(new JsonObject().put("type", "input").put("data", "echo hel''lo-$((40+2))\n"));
      ws.awaitOutput("hello-42", 10_000);
      // binary frames are stdin too
      ws.socket.sendBinary(ByteBuffer.wrap("exit 3\n".getBytes(StandardCharsets.UTF_8)), true).join();
      JsonObject exit = ws.next(m -> "exit".equals(m.getString("type")), 10_000);
      assertEquals(3, exit.getInteger("code"));
      assertEquals(1000, ws.awaitClose(5000));
    }
    // the session's end is audited as it closes, not before the client sees the close
    String actions = fx.auditOf("live-term-operator", "exit=3");
    assertTrue(actions.contains("terminal.open") && actions.contains("terminal.close"), actions);
    assertTrue(actions.contains("exit=3"), actions);
  }

  @Test
  void resizeReachesTheTty() throws Exception {
    try (WsClient ws = terminal("?cmd=/bin/sh")) {
      ws.send(new JsonObject().put("type", "resize").put("cols", 123).put("rows", 45));
      Thread.sleep(300);
      ws.send(new JsonObject().put("type", "input").put("data", "stty size\n"));
      ws.awaitOutput("45 123", 10_000);
      ws.send(new JsonObject().put("type", "resize").put("cols", 0).put("rows", 45));
      ws.next(m -> "error".equals(m.getString("type")), 5000);
    }
  }

  @Test
  void pingIsAnsweredAndUnknownMessagesAreErrors() throws Exception {
    try (WsClient ws = terminal("")) {
      ws.send(new JsonObject().put("type", "ping"));
      ws.next(m -> "pong".equals(m.getString("type")), 5000);
      ws.send(new JsonObject().put("type", "bogus"));
      ws.next(m -> "error".equals(m.getString("type")), 5000);
    }
  }

  @Test
  void anIdleTerminalIsClosedAfterTheConfiguredTimeout() throws Exception {
    try (TestGateway gw = TestGateway.start("--hosts", "local=" + fx.engine.url,
        "--terminal-idle-timeout", "2s", "--live-heartbeat", "1s")) {
      String adminToken = gw.setupAdmin("root", HostsFixture.PASSWORD)[1].substring(7);
      try (WsClient ws = WsClient.open(gw.baseUrl, "/api/hosts/local/containers/" + container + "/terminal",
          "berth.terminal.v1", adminToken)) {
        long opened = System.nanoTime();
        JsonObject error = ws.next(m -> "error".equals(m.getString("type")), 10_000);
        assertEquals("idle timeout", error.getString("message"));
        assertEquals(1000, ws.awaitClose(5000));
        assertTrue(System.nanoTime() - opened >= 1_900_000_000L, "closed before the idle timeout");
        assertTrue(ws.pings.get() >= 1, "no heartbeat ping within the idle timeout (heartbeat 1s)");
      }
    }
  }

  @Test
  void attachStreamsTheMainProcess() throws Exception {
    String c = fx.engine.docker("run", "-d", "-i", "busybox", "sh", "-c", "while read l; do echo got-$l; done");
    try (WsClient ws = WsClient.open(fx.gw.baseUrl, "/api/hosts/local/containers/" + c + "/attach",
        "berth.terminal.v1", token)) {
      ws.send(new JsonObject().put("type", "input").put("data", "abc\n"));
      ws.awaitOutput("got-abc", 10_000);
      fx.engine.docker("kill", c);
      JsonObject exit = ws.next(m -> "exit".equals(m.getString("type")), 15_000);
      assertEquals(137, exit.getInteger("code"));
    } finally {
      fx.engine.docker("rm", "-f", c);
    }
  }

  @Test
  void aStoppedContainerIsAConflictBeforeTheHandshake() throws Exception {
    String c = fx.engine.docker("create", "busybox", "sleep", "5");
    try {
      WsClient.Refused r = WsClient.refused(fx.gw.baseUrl, "/api/hosts/local/containers/" + c + "/terminal",
          "Sec-WebSocket-Protocol", "berth.terminal.v1, bearer." + token);
      assertEquals(409, r.status(), r.body());
    } finally {
      fx.engine.docker("rm", "-f", c);
    }
  }
}
