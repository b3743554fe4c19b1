package dev.berth.gateway.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.gateway.TestGateway;
import dev.berth.gateway.TestGateway.Answer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Users and teams CRUD, admin-only access, and the last-admin rule. */
class UsersTeamsIT {
  private static TestGateway gw;
  private static String[] admin;
  private static long rootId;

  @BeforeAll
  static void start() throws Exception {
    gw = TestGateway.start();
    admin = gw.setupAdmin("root", "root password 1");
    rootId = gw.get("/api/me", admin).json().getLong("id");
  }

  @AfterAll
  static void stop() throws Exception {
    gw.close();
  }

  private static long createUser(String name, String role) throws Exception {
    Answer created = gw.post("/api/users", new JsonObject().put("username", name).put("password", name + " password")
        .put("globalRole", role), admin);
    assertEquals(201, created.status(), created.body());
    return created.json().getLong("id");
  }

  @Test
  void onlyAdminsManageUsersTeamsAndAudit() throws Exception {
    createUser("dave", "user");
    String[] dave = TestGateway.bearer(gw.login("dave", "dave password"));
    assertEquals(403, gw.get("/api/users", dave).status());
    assertEquals(403, gw.get("/api/teams", dave).status());
    assertEquals(403, gw.get("/api/audit", dave).status());
    Answer create = gw.post("/api/users", new JsonObject().put("username", "eve").put("password", "eve password"), dave);
    assertEquals(403, create.status());
    assertEquals("forbidden", create.json().getString("code"));
    assertEquals(200, gw.get("/api/me", dave).status());
  }

  @Test
  void userCrud() throws Exception {
    long id = createUser("frank", "user");
    Answer dup = gw.post("/api/users", new JsonObject().put("username", "frank").put("password", "frank password"), admin);
    assertEquals(409, dup.status());
    assertEquals("a user named 'frank' already exists", dup.json().getString("message"));

    Answer got = gw.get("/api/users/" + id, admin);
    assertEquals("frank", got.json().getString("username"));
    assertEquals(false, got.json().getBoolean("disabled"));
    assertTrue(got.json().getValue("passwordHash") == null && !got.body().contains("$2"), "no hash in answers");

    String[] oldSession = TestGateway.bearer(gw.login("frank", "frank password"));
    Answer patched = gw.call("PATCH", "/api/users/" + id, "{\"username\":\"franklin\",\"password\":\"new password 22\"}", admin);
    assertEquals(200, patched.status(), patched.body());
    assertEquals("franklin", patched.json().getString("username"));
    Answer stale = gw.get("/api/me", oldSession);
    assertEquals(401, stale.status(), "a new password ends earlier sessions");
    assertEquals("the password was changed since this login; log in again", stale.json().getString("message"));
    assertEquals(200, gw.get("/api/me", TestGateway.bearer(gw.login("franklin", "new password 22"))).status());
    assertEquals(401, gw.post("/api/auth/login", new JsonObject().put("username", "franklin").put("password", "frank password"))
        .status());
    Answer shortPw = gw.call("PATCH", "/api/users/" + id, "{\"password\":\"short\"}", admin);
    assertEquals(400, shortPw.status());
    assertEquals(204, gw.call("DELETE", "/api/users/" + id, null, admin).status());
    assertEquals(404, gw.get("/api/users/" + id, admin).status());
    assertEquals(404, gw.get("/api/users/abc", admin).status());
  }

  @Test
  void theLastEnabledAdminCannotBeRemovedDisabledOrDemoted() throws Exception {
    Answer disable = gw.call("PATCH", "/api/users/" + rootId, "{\"disabled\":true}", admin);
    assertEquals(409, disable.status());
    assertEquals("at least one enabled admin must remain", disable.json().getString("message"));
    assertEquals(409, gw.call("PATCH", "/api/users/" + rootId, "{\"globalRole\":\"user\"}", admin).status());
    assertEquals(409, gw.call("DELETE", "/api/users/" + rootId, null, admin).status());
    assertEquals(200, gw.get("/api/me", admin).status(), "the refused change left the admin intact");

    long second = createUser("grace", "admin");
    String[] grace = TestGateway.bearer(gw.login("grace", "grace password"));
    assertEquals(200, gw.call("PATCH", "/api/users/" + second, "{\"globalRole\":\"user\"}", admin).status());
    assertEquals(403, gw.get("/api/users", grace).status(), "a demotion applies at once");
    assertEquals(204, gw.call("DELETE", "/api/users/" + second, null, admin).status());
  }

  @Test
  void teamsAndMembership() throws Exception {
    long heidi = createUser("heidi", "user");
    String[] heidiAuth = TestGateway.bearer(gw.login("heidi", "heidi password"));
    Answer team = gw.post("/api/teams", new JsonObject().put("name", "Platform").put("description", "ops people"), admin);
    assertEquals(201, team.status(), team.body());
    long teamId = team.json().getLong("id");
    assertEquals(409, gw.post("/api/teams", new JsonObject().put("name", "Platform"), admin).status());
    assertEquals(400, gw.post("/api/teams", new JsonObject().put("name", ""), admin).status());

    assertEquals(204, gw.call("PUT", "/api/teams/" + teamId + "/members/" + heidi, null, admin).status());
    assertEquals(204, gw.call("PUT", "/api/teams/" + teamId + "/members/" + heidi, null, admin).status(), "idempotent");
    assertEquals(new JsonArray().add(heidi), gw.get("/api/teams/" + teamId, admin).json().getJsonArray("memberIds"));
    assertEquals(new JsonArray().add(teamId), gw.get("/api/me", heidiAuth).json().getJsonArray("teamIds"),
        "membership reaches the caller's identity at once");
    assertEquals(404, gw.call("PUT", "/api/teams/" + teamId + "/members/99999", null, admin).status());

    Answer renamed = gw.call("PATCH", "/api/teams/" + teamId, "{\"name\":\"Platform Team\"}", admin);
    assertEquals("Platform Team", renamed.json().getString("name"));
    assertEquals("ops people", renamed.json().getString("description"));

    assertEquals(204, gw.call("DELETE", "/api/teams/" + teamId + "/members/" + heidi, null, admin).status());
    assertEquals(new JsonArray(), gw.get("/api/me", heidiAuth).json().getJsonArray("teamIds"));
    assertEquals(404, gw.call("DELETE", "/api/teams/" + teamId + "/members/" + heidi, null, admin).status());
    assertEquals(204, gw.call("DELETE", "/api/teams/" + teamId, null, admin).status());
    assertEquals(404, gw.get("/api/teams/" + teamId, admin).status());
  }
}
