package dev.berth.gateway.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.berth.gateway.TestGateway.Answer;
import dev.berth.gateway.hosts.HostsFixture;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * GET /containers/{id}/attach/ws (Portainer's console) through the proxy: the WebSocket handshake
 * and frames cross the gateway unread, after the same role check as a hijacked attach. Runs on
 * Berth's engine and on dockerd, both of which serve attach/ws themselves.
 */
class AttachWsProxyIT {

  /** Both engines speak 1.41 (dockerd 20.10's newest): binary frames, all streams, never multiplexed. */
  private static final String ATTACH = "/api/hosts/local/docker/v1.41/containers/%s/attach/ws"
      + "?stream=1&stdin=1&stdout=1&stderr=1";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static HostsFixture fx;
  private static String operatorKey;
  private static String operatorToken;
  private static String viewerKey;

  @BeforeAll
  static void setUp() throws Exception {
    fx = HostsFixture.get();
    long op = fx.createUser("ws-operator", "user");
    long view = fx.createUser("ws-viewer", "user");
    fx.grants("local", "user:" + op, "operator", "user:" + view, "viewer");
    String[] bearer = fx.login("ws-operator");
    operatorKey = key(bearer);
    operatorToken = bearer[1].substring("Bearer ".length());
    viewerKey = key(fx.login("ws-viewer"));
    fx.engine.docker("run", "-d", "-i", "--name", "ws-cat", "busybox", "cat");
  }

  private static String key(String[] bearer) throws Exception {
    Answer key = fx.gw.post("/api/me/keys", new JsonObject().put("name", "ws"), bearer);
    assertEquals(201, key.status(), key.body());
    return key.json().getString("key");
  }

  @Test
  void anOperatorTypesIntoAContainerAndReadsItsOutput() throws Exception {
    Collector out = new Collector();
    WebSocket ws = HTTP.newWebSocketBuilder().header("X-API-Key", operatorKey)
        .buildAsync(uri(String.format(ATTACH, "ws-cat")), out).join();
    ws.sendBinary(ByteBuffer.wrap("through the gateway\n".getBytes(StandardCharsets.UTF_8)), true).join();
    String echoed = out.await("through the gateway\n", 10_000);
    // the engine's bytes as they are: no 8-byte stream headers, no text frames
    assertTrue(echoed.startsWith("through the gateway"), echoed);
    assertFalse(out.sawText, "binary messages from API 1.28 on");
    ws.sendClose(WebSocket.NORMAL_CLOSURE, "").join();

    // an attach opens stdin: it is audited although it is a GET
    String actions = fx.auditOf("ws-operator", "attach/ws");
    assertTrue(actions.contains("/containers/{id}/attach/ws") && actions.contains("\"outcome\":\"101\""), actions);
  }

  @Test
  void aBrowserStyleClientAuthenticatesWithTheBearerSubprotocol() throws Exception {
    // browsers cannot set headers on a WebSocket: the token rides in Sec-WebSocket-Protocol, which
    // the gateway strips of it before the engine's handshake
    Collector out = new Collector();
    WebSocket ws = HTTP.newWebSocketBuilder().subprotocols("bearer." + operatorToken)
        .buildAsync(uri(String.format(ATTACH, "ws-cat")), out).join();
    assertEquals("", ws.getSubprotocol(), "the engine selects no subprotocol, and the token is not echoed");
    ws.sendBinary(ByteBuffer.wrap("by token\n".getBytes(StandardCharsets.UTF_8)), true).join();
    out.await("by token\n", 10_000);
    ws.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
  }

  @Test
  void aViewerIsRefusedBeforeTheUpgrade() {
    Refusal r = refusal(viewerKey, String.format(ATTACH, "ws-cat"));
    assertEquals(403, r.status(), r.body());
    assertTrue(r.body().contains("needs the operator role"), r.body());
  }

  @Test
  void anUnknownContainerIsTheEnginesNotFound() {
    Refusal r = refusal(operatorKey, String.format(ATTACH, "ws-no-such-container"));
    assertEquals(404, r.status(), r.body());
    assertTrue(new JsonObject(r.body()).getString("message").contains("ws-no-such-container"), r.body());
  }

  @Test
  void withoutCredentialsThereIsNoUpgrade() {
    assertEquals(401, refusal(null, String.format(ATTACH, "ws-cat")).status());
  }

  @Test
  void aPlainGetIsABadRequest() throws Exception {
    Answer a = fx.gw.get(String.format(ATTACH, "ws-cat"), "X-API-Key", operatorKey);
    assertEquals(400, a.status(), a.body());
    assertTrue(a.json().getString("message").contains("WebSocket"), a.body());
  }

  private static URI uri(String path) {
    return URI.create(fx.gw.baseUrl.replaceFirst("^http", "ws") + path);
  }

  private record Refusal(int status, String body) {
  }

  private static Refusal refusal(String apiKey, String path) {
    WebSocket.Builder builder = HTTP.newWebSocketBuilder();
    if (apiKey != null) {
      builder.header("X-API-Key", apiKey);
    }
    try {
      builder.buildAsync(uri(path), new Collector()).join().abort();
      return fail("the upgrade was accepted");
    } catch (CompletionException e) {
      if (e.getCause() instanceof WebSocketHandshakeException h) {
        Object body = h.getResponse().body();
        String text = body instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : body == null ? "" : body.toString();
        return new Refusal(h.getResponse().statusCode(), text);
      }
      throw e;
    }
  }

  /** Gathers what the engine sends, binary or text. */
  private static final class Collector implements WebSocket.Listener {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private volatile boolean sawText;

    @Override
    public synchronized CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
      byte[] chunk = new byte[data.remaining()];
      data.get(chunk);
      bytes.write(chunk, 0, chunk.length);
      notifyAll();
      webSocket.request(1);
      return null;
    }

    @Override
    public synchronized CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      sawText = true;
      byte[] chunk = data.toString().getBytes(StandardCharsets.UTF_8);
      bytes.write(chunk, 0, chunk.length);
      notifyAll();
      webSocket.request(1);
      return null;
    }

    synchronized String await(String expected, long millis) throws InterruptedException {
      long deadline = System.currentTimeMillis() + millis;
      while (!bytes.toString(StandardCharsets.UTF_8).contains(expected)) {
        long left = deadline - System.currentTimeMillis();
        if (left <= 0) {
          fail("no '" + expected.trim() + "' within " + millis + " ms; got: " + bytes.toString(StandardCharsets.UTF_8));
        }
        wait(left);
      }
      return bytes.toString(StandardCharsets.UTF_8);
    }
  }
}
