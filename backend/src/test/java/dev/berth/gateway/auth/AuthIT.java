package dev.berth.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.gateway.TestGateway;
import dev.berth.gateway.TestGateway.Answer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Setup, login, logout, /api/me and validation against a really started gateway. */
class AuthIT {
  private static final String ADMIN_PASSWORD = "correct horse battery";
  private static TestGateway gw;
  private static String[] admin;

  @BeforeAll
  static void start() throws Exception {
    gw = TestGateway.start();
    Answer status = gw.get("/api/status");
    assertEquals(200, status.status());
    assertTrue(status.json().getBoolean("setupRequired"));
    Answer shortPassword = gw.post("/api/setup", new JsonObject().put("username", "root").put("password", "short"));
    assertEquals(400, shortPassword.status());
    assertEquals("password must be at least 10 characters long", shortPassword.json().getString("message"));
    assertEquals("bad_request", shortPassword.json().getString("code"));
    assertTrue(gw.get("/api/status").json().getBoolean("setupRequired"), "a rejected setup changes nothing");
    admin = gw.setupAdmin("root", ADMIN_PASSWORD);
  }

  @AfterAll
  static void stop() throws Exception {
    gw.close();
  }

  @Test
  void setupWorksOnlyOnce() throws Exception {
    assertFalse(gw.get("/api/status").json().getBoolean("setupRequired"));
    Answer again = gw.post("/api/setup", new JsonObject().put("username", "intruder").put("password", "another password"));
    assertEquals(409, again.status());
    assertEquals("conflict", again.json().getString("code"));
    Answer login = gw.post("/api/auth/login", new JsonObject().put("username", "intruder").put("password", "another password"));
    assertEquals(401, login.status());
  }

  @Test
  void loginReturnsTokenUserAndExpiry() throws Exception {
    Answer login = gw.post("/api/auth/login", new JsonObject().put("username", "root").put("password", ADMIN_PASSWORD));
    assertEquals(200, login.status());
    JsonObject body = login.json();
    assertNotNull(body.getString("token"));
    assertNotNull(body.getString("expiresAt"));
    assertEquals("root", body.getJsonObject("user").getString("username"));
    assertEquals("admin", body.getJsonObject("user").getString("globalRole"));
    Answer me = gw.get("/api/me", TestGateway.bearer(body.getString("token")));
    assertEquals(200, me.status());
    assertEquals("root", me.json().getString("username"));
  }

  @Test
  void wrongPasswordAndUnknownUserGetTheSame401() throws Exception {
    Answer wrong = gw.post("/api/auth/login", new JsonObject().put("username", "root").put("password", "wrong password!"));
    Answer unknown = gw.post("/api/auth/login", new JsonObject().put("username", "nobody").put("password", "wrong password!"));
    assertEquals(401, wrong.status());
    assertEquals(401, unknown.status());
    assertEquals(wrong.json().getString("message"), unknown.json().getString("message"));
  }

  @Test
  void logoutRevokesTheToken() throws Exception {
    String token = gw.login("root", ADMIN_PASSWORD);
    String[] auth = TestGateway.bearer(token);
    assertEquals(200, gw.get("/api/me", auth).status());
    assertEquals(204, gw.call("POST", "/api/auth/logout", null, auth).status());
    Answer after = gw.get("/api/me", auth);
    assertEquals(401, after.status());
    assertEquals("the token was revoked by logging out", after.json().getString("message"));
    assertEquals(200, gw.get("/api/me", admin).status(), "other sessions stay valid");
  }

  @Test
  void missingOrBrokenCredentialsGet401() throws Exception {
    Answer none = gw.get("/api/me");
    assertEquals(401, none.status());
    assertEquals("unauthorized", none.json().getString("code"));
    assertEquals(401, gw.get("/api/me", "Authorization", "Bearer not.a.jwt").status());
    assertEquals(401, gw.get("/api/me", "Authorization", "Basic cm9vdDpwdw==").status());
    assertEquals(401, gw.get("/api/me", "X-API-Key", "bk_aaaaaaaaaa_" + "A".repeat(43)).status());
    String token = admin[1].substring(7);
    int at = token.length() - 10;
    String forged = token.substring(0, at) + (token.charAt(at) == 'x' ? 'y' : 'x') + token.substring(at + 1);
    assertEquals(401, gw.get("/api/me", TestGateway.bearer(forged)).status(), "a token with a bad signature is refused");
  }

  @Test
  void validationErrorsNameTheProblem() throws Exception {
    Answer notJson = gw.call("POST", "/api/users", "{not json", admin);
    assertEquals(400, notJson.status());
    assertEquals("request body must be a JSON object", notJson.json().getString("message"));
    Answer unknownField = gw.post("/api/users", new JsonObject().put("username", "a").put("password", "long enough pw")
        .put("isRoot", true), admin);
    assertEquals(400, unknownField.status());
    assertTrue(unknownField.json().getString("message").startsWith("unknown field 'isRoot'"));
    Answer missing = gw.post("/api/users", new JsonObject().put("username", "alice"), admin);
    assertEquals("field 'password' is required", missing.json().getString("message"));
    Answer badRole = gw.post("/api/users", new JsonObject().put("username", "alice").put("password", "long enough pw")
        .put("globalRole", "root"), admin);
    assertEquals("globalRole must be 'admin' or 'user'", badRole.json().getString("message"));
    Answer badName = gw.post("/api/users", new JsonObject().put("username", "Alice Smith").put("password", "long enough pw"), admin);
    assertEquals(400, badName.status());
    assertTrue(badName.json().getString("message").startsWith("username must be"));
    Answer wrongType = gw.post("/api/users", new JsonObject().put("username", 7).put("password", "long enough pw"), admin);
    assertEquals("field 'username' must be a string", wrongType.json().getString("message"));
    Answer users = gw.get("/api/users", admin);
    assertEquals(1, users.json().getJsonArray("items").size(), "rejected requests created nobody");
  }

  @Test
  void unknownApiRouteIsJson404() throws Exception {
    Answer answer = gw.get("/api/nothing-here", admin);
    assertEquals(404, answer.status());
    assertEquals("not_found", answer.json().getString("code"));
  }

  @Test
  void setupAndStatusArePublicButNothingElse() throws Exception {
    assertEquals(200, gw.get("/api/status").status());
    assertEquals(200, gw.get("/api/openapi.yaml").status());
    for (String path : new String[] {"/api/me", "/api/me/keys", "/api/users", "/api/teams", "/api/audit"}) {
      assertEquals(401, gw.get(path).status(), path);
    }
    assertNull(gw.get("/api/me").json().getValue("user"));
  }
}
