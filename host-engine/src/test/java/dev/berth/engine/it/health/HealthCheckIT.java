package dev.berth.engine.it.health;

import static dev.berth.engine.it.robustness.Checks.eventually;
import static dev.berth.engine.it.robustness.Checks.inspect;
import static dev.berth.engine.it.robustness.Checks.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.it.TestEngine;
import dev.berth.engine.it.TestImages;
import dev.berth.engine.it.robustness.Checks;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** --health-* checks: starting, healthy, unhealthy after the retries, the log, ps and events. */
class HealthCheckIT {

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void aCheckGoesHealthyThenUnhealthy(TestEngine e) {
    String img = TestImages.busybox(e);
    String since = Long.toString(System.currentTimeMillis() / 1000 - 1);
    String name = Checks.unique("hc");
    ok(e, "run", "-d", "--name", name, "--health-cmd", "cat /tmp/ok", "--health-interval", "1s",
        "--health-timeout", "5s", "--health-retries", "2", img, "sh", "-c", "echo fine > /tmp/ok; exec sleep 1000");
    assertEquals("starting", inspect(e, name, "{{.State.Health.Status}}"));
    eventually("healthy", 20, () -> inspect(e, name, "{{.State.Health.Status}}").equals("healthy"));
    String ps = ok(e, "ps", "--filter", "name=" + name, "--format", "{{.Status}}").outTrim();
    assertTrue(ps.endsWith("(healthy)"), ps);

    ok(e, "exec", name, "rm", "/tmp/ok");
    eventually("unhealthy", 20, () -> inspect(e, name, "{{.State.Health.Status}}").equals("unhealthy"));
    JsonObject health = new JsonObject(inspect(e, name, "{{json .State.Health}}"));
    assertTrue(health.getInteger("FailingStreak") >= 2, health::encode);
    JsonArray log = health.getJsonArray("Log");
    assertTrue(log.size() >= 3 && log.size() <= 5, health::encode);
    JsonObject first = log.getJsonObject(0);
    JsonObject latest = log.getJsonObject(log.size() - 1);
    assertEquals(0, first.getInteger("ExitCode"), health::encode);
    assertEquals("fine\n", first.getString("Output"), health::encode);
    assertEquals(1, latest.getInteger("ExitCode"), health::encode);
    assertTrue(latest.getString("Output").contains("No such file"), health::encode);

    String events = Checks.events(e, since, name);
    assertTrue(events.contains("health_status: healthy"), events);
    assertTrue(events.contains("health_status: unhealthy"), events);

    // stopped: no more probes; the log stays as it was
    ok(e, "stop", "-t", "0", name);
    String after = inspect(e, name, "{{json .State.Health.Log}}");
    Checks.sleep(2500);
    assertEquals(after, inspect(e, name, "{{json .State.Health.Log}}"));
    ok(e, "rm", name);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void timeoutsAndNoHealthcheck(TestEngine e) {
    String img = TestImages.busybox(e);
    String slow = Checks.unique("slow");
    ok(e, "run", "-d", "--name", slow, "--health-cmd", "sleep 30", "--health-interval", "1s", "--health-timeout", "1s",
        "--health-retries", "1", img, "sleep", "1000");
    eventually("unhealthy by timeout", 20,
        () -> inspect(e, slow, "{{.State.Health.Status}}").equals("unhealthy"));
    JsonObject health = new JsonObject(inspect(e, slow, "{{json .State.Health}}"));
    JsonObject entry = health.getJsonArray("Log").getJsonObject(0);
    assertEquals(-1, entry.getInteger("ExitCode"), health::encode);
    assertTrue(entry.getString("Output").contains("exceeded timeout"), health::encode);
    String none = Checks.unique("none");
    ok(e, "run", "-d", "--name", none, "--no-healthcheck", img, "sleep", "1000");
    assertEquals("<nil>", inspect(e, none, "{{.State.Health}}"));
    ok(e, "rm", "-f", slow, none);
  }
}
