package dev.berth.gateway.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.gateway.hosts.HostsFixture;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Following logs over the WebSocket against a real engine. */
class LogsLiveIT {
  private static HostsFixture fx;
  private static String token;

  @BeforeAll
  static void setUp() throws Exception {
    fx = HostsFixture.get();
    long viewer = fx.createUser("live-logs-viewer", "user");
    fx.grants("local", "user:" + viewer, "viewer");
    token = fx.login("live-logs-viewer")[1].substring(7);
  }

  private static WsClient follow(String container, String query, boolean read) {
    return WsClient.open(fx.gw.baseUrl, "/api/hosts/local/containers/" + container + "/logs/live" + query,
        "berth.logs.v1", token, read);
  }

  @Test
  void stdoutAndStderrArriveApartWhileTheContainerPrints() throws Exception {
    String c = fx.engine.docker("run", "-d", "busybox", "sh", "-c",
        "i=0; while true; do echo out$i; echo err$i >&2; i=$((i+1)); sleep 0.2; done");
    try (WsClient ws = follow(c, "?tail=0&timestamps=true", true)) {
      JsonObject out = ws.next(m -> "line".equals(m.getString("type")) && m.getString("text").startsWith("out"), 10_000);
      assertEquals("stdout", out.getString("stream"));
      assertTrue(out.getString("text").matches("out\\d+"), out.encode());
      assertNotNull(out.getString("time"));
      JsonObject err = ws.next(m -> "line".equals(m.getString("type")) && m.getString("text").startsWith("err"), 10_000);
      assertEquals("stderr", err.getString("stream"));
      // lines printed after the socket opened keep coming
      int first = Integer.parseInt(out.getString("text").substring(3));
      ws.next(m -> "line".equals(m.getString("type")) && m.getString("text").equals("out" + (first + 5)), 10_000);
    } finally {
      fx.engine.docker("rm", "-f", c);
    }
  }

  @Test
  void aTtyContainerReportsStdoutAndTheEndClosesNormally() throws Exception {
    String c = fx.engine.docker("run", "-d", "-t", "busybox", "sh", "-c", "sleep 1; echo to-err >&2; sleep 1");
    try (WsClient ws = follow(c, "?tail=all", true)) {
      JsonObject line = ws.next(m -> "line".equals(m.getString("type")), 10_000);
      assertEquals("stdout", line.getString("stream"));
      assertEquals("to-err", line.getString("text"));
      assertNull(line.getString("time"));
      ws.next(m -> "end".equals(m.getString("type")), 15_000);
      assertEquals(1000, ws.awaitClose(5000));
    } finally {
      fx.engine.docker("rm", "-f", c);
    }
  }

  @Test
  void tailAndSinceAreValidated() throws Exception {
    String c = fx.engine.docker("run", "-d", "busybox", "sleep", "60");
    try {
      String path = "/api/hosts/local/containers/" + c + "/logs/live";
      for (String query : new String[] {"?tail=lots", "?since=yesterday", "?stdout=false&stderr=false", "?timestamps=maybe"}) {
        WsClient.Refused r = WsClient.refused(fx.gw.baseUrl, path + query,
            "Sec-WebSocket-Protocol", "berth.logs.v1, bearer." + token);
        assertEquals(400, r.status(), query + ": " + r.body());
      }
    } finally {
      fx.engine.docker("rm", "-f", c);
    }
  }

  /**
   * A container prints as fast as it can and the client reads nothing: the gateway must pause
   * the engine stream (and stay paused) instead of buffering, and deliver in order once the
   * client reads again.
   */
  @Test
  void aClientThatDoesNotReadPausesTheEngineStream() throws Exception {
    String line = "x".repeat(200);
    String c = fx.engine.docker("run", "-d", "--log-opt", "max-size=20m", "--log-opt", "max-file=2", "busybox", "sh", "-c",
        "i=0; while true; do echo $i-" + line + "; i=$((i+1)); done");
    long heapBefore = usedHeapAfterGc();
    long pausesBefore = LogsFollower.PAUSES.get();
    try (RawWsClient ws = new RawWsClient(fx.gw.baseUrl, "/api/hosts/local/containers/" + c + "/logs/live?tail=0",
        "berth.logs.v1", token)) {
      long deadline = System.currentTimeMillis() + 20_000;
      while (LogsFollower.PAUSES.get() == pausesBefore && System.currentTimeMillis() < deadline) {
        Thread.sleep(100);
      }
      assertTrue(LogsFollower.PAUSES.get() > pausesBefore, "the engine stream was never paused");
      long paused = LogsFollower.PAUSES.get();
      Thread.sleep(3000);
      // still paused: no drain came, so no resume/pause cycle either
      assertEquals(paused, LogsFollower.PAUSES.get(), "the stream resumed although the client read nothing");
      long growth = usedHeapAfterGc() - heapBefore;
      assertTrue(growth < 64L << 20, "gateway heap grew by " + (growth >> 20) + " MB while the client did not read");
      long previous = -1;
      for (int i = 0; i < 5_000; i++) {
        JsonObject message = new JsonObject(ws.nextText());
        long n = Long.parseLong(message.getString("text").split("-")[0]);
        if (previous >= 0) {
          assertEquals(previous + 1, n, "lines out of order or lost");
        }
        previous = n;
      }
    } finally {
      fx.engine.docker("rm", "-f", c);
    }
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return rt.totalMemory() - rt.freeMemory();
  }
}
