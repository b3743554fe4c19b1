package dev.berth.gateway.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.gateway.hosts.HostsFixture;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A host's upstream event stream that drops is reported down, reconnected, and reported up again. */
class EventsReconnectIT {

  @Test
  void aDroppedEngineStreamIsReportedAndReconnected() throws Exception {
    HostsFixture fx = HostsFixture.get();
    String token = fx.admin[1].substring(7);
    try (UnixForwarder forwarder = UnixForwarder.start(Path.of(fx.engine.url.substring("unix://".length())))) {
      HostsFixture.expect(201, fx.gw.post("/api/hosts", new JsonObject().put("id", "live-px")
          .put("url", "tcp://127.0.0.1:" + forwarder.port()), fx.admin));
      try (WsClient ws = WsClient.open(fx.gw.baseUrl, "/api/events/live?hosts=live-px&types=container",
          "berth.events.v1", token)) {
        ws.next(m -> isHost(m, "up"), 15_000);
        // more subscribers share the one upstream stream
        try (WsClient second = WsClient.open(fx.gw.baseUrl, "/api/events/live?hosts=live-px", "berth.events.v1", token);
             WsClient third = WsClient.open(fx.gw.baseUrl, "/api/events/live", "berth.events.v1", token)) {
          second.next(m -> isHost(m, "up"), 15_000);
          third.next(m -> isHost(m, "up"), 15_000);
          assertEquals(1, upstreamStreams(fx), "one engine event stream per host, not per client");
        }
        forwarder.dropAll();
        ws.next(m -> isHost(m, "down"), 10_000);
        ws.next(m -> isHost(m, "up"), 15_000);
        assertEquals(2, upstreamStreams(fx), "exactly one reconnect");
        String c = fx.engine.docker("run", "-d", "busybox", "true");
        JsonObject start = ws.next(m -> "event".equals(m.getString("type"))
            && "start".equals(m.getJsonObject("event").getString("Action")), 10_000);
        assertEquals(c, start.getJsonObject("event").getJsonObject("Actor").getString("ID"));
        assertEquals("live-px", start.getString("host"));
        fx.engine.docker("rm", "-f", c);
      } finally {
        fx.gw.call("DELETE", "/api/hosts/live-px", null, fx.admin);
      }
    }
  }

  /** How often the gateway opened GET /events on live-px, from its engine call metrics. */
  private static long upstreamStreams(HostsFixture fx) throws Exception {
    String metrics = fx.gw.get("/metrics", fx.admin).body();
    String prefix = "berth_engine_call_duration_seconds_count{host=\"live-px\",operation=\"GET events\"} ";
    return metrics.lines().filter(l -> l.startsWith(prefix)).mapToLong(l -> Long.parseLong(l.substring(prefix.length())))
        .findFirst().orElse(0);
  }

  private static boolean isHost(JsonObject m, String state) {
    return "host".equals(m.getString("type")) && "live-px".equals(m.getString("host")) && state.equals(m.getString("state"));
  }
}
