package dev.berth.engine.containers;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** Which exits each restart policy answers with a restart, after an exit and at engine start. */
class RestartPolicyTest {

  private static RestartPolicy policy(String name, int max) {
    return RestartPolicy.of(new JsonObject().put("RestartPolicy", new JsonObject().put("Name", name).put("MaximumRetryCount", max)));
  }

  @Test
  void afterAnExit() {
    assertFalse(policy("no", 0).restartsAfterExit(1, 0, false));
    assertTrue(policy("always", 0).restartsAfterExit(0, 50, false));
    assertFalse(policy("always", 0).restartsAfterExit(1, 0, true), "a manual stop wins");
    assertTrue(policy("unless-stopped", 0).restartsAfterExit(0, 0, false));
    assertTrue(policy("on-failure", 2).restartsAfterExit(3, 1, false));
    assertFalse(policy("on-failure", 2).restartsAfterExit(3, 2, false), "two retries were the maximum");
    assertFalse(policy("on-failure", 0).restartsAfterExit(0, 0, false), "success is no failure");
    assertTrue(policy("on-failure", 0).restartsAfterExit(1, 1000, false), "0: no maximum");
    assertFalse(RestartPolicy.of(new JsonObject()).restartsAfterExit(1, 0, false), "none given is no");
  }

  @Test
  void atEngineStart() {
    assertTrue(policy("always", 0).startsWithEngine(137, 0, true), "always comes back even after docker stop");
    assertFalse(policy("unless-stopped", 0).startsWithEngine(137, 0, true));
    assertTrue(policy("unless-stopped", 0).startsWithEngine(0, 0, false));
    assertFalse(policy("on-failure", 0).startsWithEngine(0, 0, false));
    assertFalse(policy("no", 0).startsWithEngine(1, 0, false));
  }
}
