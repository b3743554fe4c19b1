package dev.berth.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.gateway.TestGateway;
import dev.berth.gateway.TestGateway.Answer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** API keys: shown once, hashed, revoked on delete, and dead with a disabled or deleted owner. */
class ApiKeysIT {
  private static TestGateway gw;
  private static String[] admin;

  @BeforeAll
  static void start() throws Exception {
    gw = TestGateway.start();
    admin = gw.setupAdmin("root", "root password 1");
  }

  @AfterAll
  static void stop() throws Exception {
    gw.close();
  }

  private static long createUser(String name) throws Exception {
    Answer created = gw.post("/api/users", new JsonObject().put("username", name).put("password", name + " password"), admin);
    assertEquals(201, created.status(), created.body());
    return created.json().getLong("id");
  }

  private static JsonObject createKey(String[] auth, String name) throws Exception {
    Answer key = gw.post("/api/me/keys", new JsonObject().put("name", name), auth);
    assertEquals(201, key.status(), key.body());
    return key.json();
  }

  @Test
  void keyIsShownOnceAndWorksUntilDeleted() throws Exception {
    JsonObject key = createKey(admin, "ci");
    String secret = key.getString("key");
    assertTrue(secret.startsWith(key.getString("prefix") + "_"));
    Answer me = gw.get("/api/me", "X-API-Key", secret);
    assertEquals(200, me.status());
    assertEquals("root", me.json().getString("username"));

    Answer list = gw.get("/api/me/keys", admin);
    JsonObject listed = list.json().getJsonArray("items").stream().map(JsonObject.class::cast)
        .filter(k -> k.getLong("id").equals(key.getLong("id"))).findFirst().orElseThrow();
    assertNull(listed.getValue("key"), "the key is never shown again");
    assertFalse(list.body().contains(secret));

    assertEquals(204, gw.call("DELETE", "/api/me/keys/" + key.getLong("id"), null, admin).status());
    Answer after = gw.get("/api/me", "X-API-Key", secret);
    assertEquals(401, after.status());
    assertEquals(404, gw.call("DELETE", "/api/me/keys/" + key.getLong("id"), null, admin).status());
  }

  @Test
  void wrongSecretWithARealPrefixIsRefused() throws Exception {
    String secret = createKey(admin, "real").getString("key");
    String tampered = secret.substring(0, secret.length() - 5) + (secret.endsWith("AAAAA") ? "BBBBB" : "AAAAA");
    assertEquals(200, gw.get("/api/me", "X-API-Key", secret).status());
    assertEquals(401, gw.get("/api/me", "X-API-Key", tampered).status());
  }

  @Test
  void usersCannotDeleteOthersKeys() throws Exception {
    createUser("mallory");
    String[] mallory = TestGateway.bearer(gw.login("mallory", "mallory password"));
    JsonObject rootKey = createKey(admin, "root-only");
    assertEquals(404, gw.call("DELETE", "/api/me/keys/" + rootKey.getLong("id"), null, mallory).status());
    assertEquals(200, gw.get("/api/me", "X-API-Key", rootKey.getString("key")).status());
  }

  @Test
  void disablingOrDeletingTheOwnerStopsKeysAndTokensAtOnce() throws Exception {
    long bob = createUser("bob");
    String[] bobToken = TestGateway.bearer(gw.login("bob", "bob password"));
    String bobKey = createKey(bobToken, "laptop").getString("key");
    assertEquals(200, gw.get("/api/me", "X-API-Key", bobKey).status());

    assertEquals(200, gw.call("PATCH", "/api/users/" + bob, "{\"disabled\":true}", admin).status());
    Answer keyAfter = gw.get("/api/me", "X-API-Key", bobKey);
    assertEquals(401, keyAfter.status());
    assertEquals("the account is disabled or was deleted", keyAfter.json().getString("message"));
    assertEquals(401, gw.get("/api/me", bobToken).status());
    assertEquals(401, gw.post("/api/auth/login", new JsonObject().put("username", "bob").put("password", "bob password")).status());

    assertEquals(200, gw.call("PATCH", "/api/users/" + bob, "{\"disabled\":false}", admin).status());
    assertEquals(200, gw.get("/api/me", "X-API-Key", bobKey).status());

    assertEquals(204, gw.call("DELETE", "/api/users/" + bob, null, admin).status());
    assertEquals(401, gw.get("/api/me", "X-API-Key", bobKey).status());
    assertEquals(401, gw.get("/api/me", bobToken).status());
  }

  @Test
  void keyNameIsValidated() throws Exception {
    Answer empty = gw.post("/api/me/keys", new JsonObject().put("name", " "), admin);
    assertEquals(400, empty.status());
    assertEquals("field 'name' must be 1 to 100 characters", empty.json().getString("message"));
  }
}
