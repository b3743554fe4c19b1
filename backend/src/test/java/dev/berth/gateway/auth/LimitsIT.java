package dev.berth.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.gateway.TestGateway;
import dev.berth.gateway.TestGateway.Answer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Login throttling (per username and per client address) and the request body limit. */
class LimitsIT {
  private static TestGateway gw;
  private static String[] admin;

  @BeforeAll
  static void start() throws Exception {
    gw = TestGateway.start("--login-max-failures", "3", "--login-window", "1m", "--login-lockout", "2s",
        "--body-limit", "2k");
    admin = gw.setupAdmin("root", "root password 1");
    assertEquals(201, gw.post("/api/users", new JsonObject().put("username", "carol").put("password", "carol password"),
        admin).status());
  }

  @AfterAll
  static void stop() throws Exception {
    gw.close();
  }

  private static Answer login(String username, String password) throws Exception {
    return gw.post("/api/auth/login", new JsonObject().put("username", username).put("password", password));
  }

  @Test
  void failedLoginsPerUsernameAreThrottledWithRetryAfter() throws Exception {
    for (int i = 0; i < 3; i++) {
      assertEquals(401, login("carol", "not her password").status());
    }
    Answer throttled = login("carol", "carol password");
    assertEquals(429, throttled.status(), "even the right password waits out the lockout");
    assertEquals("too_many_requests", throttled.json().getString("code"));
    long retryAfter = Long.parseLong(throttled.header("Retry-After"));
    assertTrue(retryAfter >= 1 && retryAfter <= 2, "Retry-After " + retryAfter);
    assertEquals(200, login("root", "root password 1").status(), "other users are not locked out");
    Thread.sleep(retryAfter * 1000 + 200);
    assertEquals(200, login("carol", "carol password").status());
  }

  @Test
  void failedLoginsPerClientAddressAreThrottled() throws Exception {
    // A gateway of its own, so other tests' failures from 127.0.0.1 do not count here.
    try (TestGateway own = TestGateway.start("--login-max-failures", "3", "--login-lockout", "2s")) {
      own.setupAdmin("root", "root password 1");
      // The address allowance is 4x the per-user one: 12 failures over different usernames.
      for (int i = 0; i < 12; i++) {
        Answer failed = own.post("/api/auth/login", new JsonObject().put("username", "ghost" + i).put("password", "whatever pw"));
        assertEquals(401, failed.status());
      }
      Answer throttled = own.post("/api/auth/login", new JsonObject().put("username", "root").put("password", "root password 1"));
      assertEquals(429, throttled.status());
      assertTrue(Long.parseLong(throttled.header("Retry-After")) >= 1);
      Thread.sleep(Long.parseLong(throttled.header("Retry-After")) * 1000 + 200);
      own.login("root", "root password 1");
    }
  }

  @Test
  void bodyOverTheLimitGets413() throws Exception {
    String big = new JsonObject().put("name", "x".repeat(4096)).encode();
    Answer answer = gw.call("POST", "/api/teams", big, admin);
    assertEquals(413, answer.status());
    assertEquals("payload_too_large", answer.json().getString("code"));
    assertEquals(0, gw.get("/api/teams", admin).json().getJsonArray("items").size());
    assertEquals(201, gw.post("/api/teams", new JsonObject().put("name", "small"), admin).status());
  }
}
