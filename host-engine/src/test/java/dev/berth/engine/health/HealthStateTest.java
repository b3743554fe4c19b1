package dev.berth.engine.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** moby's rules for results: streaks, retries, the start period, a log of five; and the config. */
class HealthStateTest {

  private static HealthState.Result result(int code) {
    return new HealthState.Result(1, 2, code, "out");
  }

  @Test
  void retriesStartPeriodAndLog() {
    HealthState s = new HealthState();
    assertNull(s.record(result(1), 2, true), "a failure in the start period does not count while starting");
    assertEquals(0, s.toJson().getInteger("FailingStreak"));
    assertEquals("healthy", s.record(result(0), 2, true));
    assertNull(s.record(result(1), 2, true), "once healthy, the start period no longer shields");
    assertEquals("unhealthy", s.record(result(-1), 2, false));
    assertNull(s.record(result(1), 2, false));
    JsonObject json = s.toJson();
    assertEquals(3, json.getInteger("FailingStreak"));
    assertEquals(5, json.getJsonArray("Log").size());
    assertEquals("healthy", s.record(result(0), 2, false));
    assertEquals(5, s.toJson().getJsonArray("Log").size(), "only the last five are kept");
  }

  @Test
  void configFormsAndDefaults() {
    JsonObject shell = new JsonObject().put("Healthcheck", new JsonObject().put("Test", new JsonArray().add("CMD-SHELL").add("curl -f x")));
    HealthConfig c = HealthConfig.of(shell);
    assertEquals(List.of("/bin/sh", "-c", "curl -f x"), c.command());
    assertEquals(30_000_000_000L, c.intervalNanos());
    assertEquals(3, c.retries());
    assertEquals(List.of("true"), HealthConfig.of(new JsonObject().put("Healthcheck",
        new JsonObject().put("Test", new JsonArray().add("CMD").add("true")))).command());
    assertNull(HealthConfig.of(new JsonObject().put("Healthcheck", new JsonObject().put("Test", new JsonArray().add("NONE")))));
    assertNull(HealthConfig.of(new JsonObject()));
  }
}
