package dev.berth.gateway.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.gateway.TestGateway;
import dev.berth.gateway.TestGateway.Answer;
import org.junit.jupiter.api.Test;

/** /health and /metrics on a really started gateway. */
class OpsIT {
  @Test
  void healthAndMetrics() throws Exception {
    try (TestGateway gw = TestGateway.start()) {
      Answer health = gw.get("/health");
      assertEquals(200, health.status());
      assertEquals("up", health.json().getString("status"));
      assertTrue(health.json().getJsonObject("database").getBoolean("up"));
      assertEquals("h2", health.json().getJsonObject("database").getString("kind"));

      String[] admin = gw.setupAdmin("root", "root password 1");
      gw.get("/api/users/42", admin);
      gw.get("/api/users/43", admin);
      gw.app.metrics().recordEngineCall("local", "containers.list", 3_000_000, true);
      gw.app.metrics().webSocketOpened();
      Thread.sleep(200);

      Answer metrics = gw.get("/metrics");
      assertEquals(200, metrics.status(), "loopback scrapers need no credentials");
      assertTrue(metrics.header("Content-Type").startsWith("text/plain; version=0.0.4"));
      String text = metrics.body();
      assertTrue(text.contains("berth_http_request_duration_seconds_count{method=\"GET\",route=\"/api/users/{id}\"} 2"), text);
      assertTrue(text.contains("berth_http_responses_total{method=\"GET\",route=\"/api/users/{id}\",status=\"404\"} 2"), text);
      assertTrue(text.contains("berth_engine_call_duration_seconds_bucket{host=\"local\",operation=\"containers.list\",le=\"0.005\"} 1"));
      assertTrue(text.contains("berth_websockets_open 1"));
      assertTrue(text.contains("berth_hosts_up "));
      assertTrue(!text.contains("/api/users/42"), "raw paths never become labels");
    }
  }
}
