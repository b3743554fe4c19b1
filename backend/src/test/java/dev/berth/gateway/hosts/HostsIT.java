package dev.berth.gateway.hosts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.gateway.TestGateway;
import dev.berth.gateway.TestGateway.Answer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Host registration, checks on add, health checks and settings against a real engine. */
class HostsIT {

  private static HostsFixture fx;

  @BeforeAll
  static void setUp() throws Exception {
    fx = HostsFixture.get();
  }

  @Test
  void localIsRegisteredAtStartAndUp() throws Exception {
    JsonObject local = fx.gw.get("/api/hosts/local", fx.admin).json();
    assertEquals(fx.engine.url, local.getString("url"));
    assertEquals("admin", local.getString("role"));
    JsonObject status = local.getJsonObject("status");
    assertTrue(status.getBoolean("up"), local.encode());
    assertNotNull(status.getString("engineVersion"));
    assertNotNull(status.getString("checkedAt"));
    assertFalse(local.containsKey("tls"));
  }

  @Test
  void badOrUnreachableHostsAreRejectedAndNothingIsStored() throws Exception {
    Answer badUrl = fx.gw.post("/api/hosts", new JsonObject().put("id", "h-bad").put("url", "http://x"), fx.admin);
    assertEquals(400, badUrl.status());
    assertTrue(badUrl.json().getString("message").contains("unix or tcp"), badUrl.body());
    Answer remote = fx.gw.post("/api/hosts", new JsonObject().put("id", "h-remote").put("url", "tcp://10.1.2.3:2375"),
        fx.admin);
    assertEquals(400, remote.status());
    assertTrue(remote.json().getString("message").contains("tls"), remote.body());
    Answer badPem = fx.gw.post("/api/hosts", new JsonObject().put("id", "h-pem").put("url", "tcp://127.0.0.1:2376")
        .put("tls", new JsonObject().put("ca", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")), fx.admin);
    assertEquals(400, badPem.status(), badPem.body());
    Answer noSocket = fx.gw.post("/api/hosts", new JsonObject().put("id", "h-gone")
        .put("url", "unix:///tmp/gh-no-such-dir/d.sock"), fx.admin);
    assertEquals(502, noSocket.status());
    assertEquals("host_unavailable", noSocket.json().getString("code"));
    assertTrue(noSocket.json().getString("message").contains("cannot reach"), noSocket.body());
    Answer closedPort = fx.gw.post("/api/hosts", new JsonObject().put("id", "h-closed")
        .put("url", "tcp://127.0.0.1:" + TestGateway.freePort()), fx.admin);
    assertEquals(502, closedPort.status(), closedPort.body());
    for (String id : new String[] {"h-bad", "h-remote", "h-pem", "h-gone", "h-closed"}) {
      assertEquals(404, fx.gw.get("/api/hosts/" + id, fx.admin).status(), id);
    }
    Answer duplicate = fx.gw.post("/api/hosts", new JsonObject().put("id", "local").put("url", fx.engine.url), fx.admin);
    assertEquals(409, duplicate.status());
    Answer unknownField = fx.gw.post("/api/hosts", new JsonObject().put("name", "x").put("url", fx.engine.url)
        .put("password", "x"), fx.admin);
    assertEquals(400, unknownField.status());
  }

  @Test
  void idIsDerivedFromTheName() throws Exception {
    Answer a = fx.gw.post("/api/hosts", new JsonObject().put("name", "Build Server #2").put("url", fx.engine.url)
        .put("labels", new JsonObject().put("site", "lab")), fx.admin);
    assertEquals(201, a.status(), a.body());
    assertEquals("build-server-2", a.json().getString("id"));
    assertEquals("lab", a.json().getJsonObject("labels").getString("site"));
    assertTrue(a.json().getJsonObject("status").getBoolean("up"));
    assertEquals(204, fx.gw.call("DELETE", "/api/hosts/build-server-2", null, fx.admin).status());
  }

  @Test
  void healthCheckMarksHostsDownAndUpAgain() throws Exception {
    Path link = fx.engine.dir.resolve("hc.sock");
    Files.createSymbolicLink(link, fx.engine.dir.resolve("d.sock"));
    Answer add = fx.gw.post("/api/hosts", new JsonObject().put("id", "h-flaky").put("url", "unix://" + link), fx.admin);
    assertEquals(201, add.status(), add.body());
    Files.delete(link);
    JsonObject down = awaitStatus("h-flaky", false);
    assertNotNull(down.getString("lastError"));
    assertNotNull(down.getString("engineVersion"), "the last known version is kept");
    Answer call = fx.gw.get("/api/hosts/h-flaky/containers", fx.admin);
    assertEquals(502, call.status());
    assertEquals("host_unavailable", call.json().getString("code"));
    Files.createSymbolicLink(link, fx.engine.dir.resolve("d.sock"));
    JsonObject up = awaitStatus("h-flaky", true);
    assertNull(up.getString("lastError"));
    assertEquals(204, fx.gw.call("DELETE", "/api/hosts/h-flaky", null, fx.admin).status());
  }

  @Test
  void hostAdminsChangeSettingsButNotTheConnection() throws Exception {
    HostsFixture.expect(201, fx.gw.post("/api/hosts", new JsonObject().put("id", "h-settings").put("url", fx.engine.url),
        fx.admin));
    long id = fx.createUser("h-admin", "user");
    fx.grants("h-settings", "user:" + id, "admin");
    String[] hostAdmin = fx.login("h-admin");
    Answer rename = fx.gw.call("PATCH", "/api/hosts/h-settings", new JsonObject().put("name", "Renamed").encode(), hostAdmin);
    assertEquals(200, rename.status(), rename.body());
    assertEquals("Renamed", rename.json().getString("name"));
    Answer url = fx.gw.call("PATCH", "/api/hosts/h-settings",
        new JsonObject().put("url", "unix:///var/run/docker.sock").encode(), hostAdmin);
    assertEquals(403, url.status());
    Answer badUrl = fx.gw.call("PATCH", "/api/hosts/h-settings",
        new JsonObject().put("url", "unix:///tmp/gh-none/x.sock").encode(), fx.admin);
    assertEquals(502, badUrl.status());
    assertEquals(fx.engine.url, fx.gw.get("/api/hosts/h-settings", fx.admin).json().getString("url"));
    // deleting a host removes its grants with it
    assertEquals(204, fx.gw.call("DELETE", "/api/hosts/h-settings", null, fx.admin).status());
    HostsFixture.expect(201, fx.gw.post("/api/hosts", new JsonObject().put("id", "h-settings").put("url", fx.engine.url),
        fx.admin));
    assertEquals(404, fx.gw.get("/api/hosts/h-settings", hostAdmin).status());
    assertEquals(0, fx.gw.get("/api/hosts/h-settings/access", fx.admin).json().getJsonArray("grants").size());
  }

  @Test
  void grantsAreValidated() throws Exception {
    for (String bad : new String[] {"{}", "{\"grants\": {}}", "{\"grants\": [{\"subject\": \"user:1\"}]}",
        "{\"grants\": [{\"subject\": \"user:999999\", \"role\": \"viewer\"}]}",
        "{\"grants\": [{\"subject\": \"team:1\", \"role\": \"root\"}]}",
        "{\"grants\": [{\"subject\": \"user:1\", \"role\": \"viewer\"}, {\"subject\": \"user:1\", \"role\": \"admin\"}]}"}) {
      Answer a = fx.gw.call("PUT", "/api/hosts/local/access", bad, fx.admin);
      assertEquals(400, a.status(), bad + " -> " + a.body());
      assertNotNull(a.json().getString("message"));
    }
  }

  @Test
  void tlsHostsWorkAndTheirKeyIsNeverShownNorStoredInClear() throws Exception {
    JsonObject tls = new JsonObject().put("ca", fx.engine.pem("ca")).put("cert", fx.engine.pem("client-cert"))
        .put("key", fx.engine.pem("client-key"));
    Answer add = fx.gw.post("/api/hosts", new JsonObject().put("id", "h-tls").put("url", fx.engine.tlsUrl).put("tls", tls),
        fx.admin);
    assertEquals(201, add.status(), add.body());
    assertTrue(add.json().getBoolean("tlsConfigured"));
    assertTrue(add.json().getJsonObject("status").getBoolean("up"));
    Answer list = fx.gw.get("/api/hosts/h-tls/containers?all=1", fx.admin);
    assertEquals(200, list.status(), list.body());
    String keyBody = fx.engine.pem("client-key").split("\n")[5];
    String certBody = fx.engine.pem("client-cert").split("\n")[5];
    for (Answer a : new Answer[] {add, fx.gw.get("/api/hosts/h-tls", fx.admin), fx.gw.get("/api/hosts", fx.admin)}) {
      assertFalse(a.body().contains("PRIVATE KEY") || a.body().contains(keyBody) || a.body().contains(certBody), a.body());
    }
    // the certificate is stored as is, the key only sealed: look into the store itself
    String stored = storedBytes(certBody);
    assertTrue(stored.contains(certBody), "control: the certificate is found in the store");
    assertFalse(stored.contains(keyBody), "the client key is not in the store in clear");

    // without the client certificate the engine refuses, and nothing is stored
    Answer noClientCert = fx.gw.post("/api/hosts", new JsonObject().put("id", "h-tls2").put("url", fx.engine.tlsUrl)
        .put("tls", new JsonObject().put("ca", fx.engine.pem("ca"))), fx.admin);
    assertEquals(502, noClientCert.status(), noClientCert.body());
    assertEquals(404, fx.gw.get("/api/hosts/h-tls2", fx.admin).status());
    assertEquals(204, fx.gw.call("DELETE", "/api/hosts/h-tls", null, fx.admin).status());
  }

  /**
   * What the store holds: the rows of the hosts table on PostgreSQL, or the raw H2 file
   * (H2 writes it in the background, so wait until the control text shows up).
   */
  private static String storedBytes(String control) throws Exception {
    String dbUrl = System.getProperty("berth.it.dbUrl", "");
    if (!dbUrl.isEmpty()) {
      StringBuilder rows = new StringBuilder();
      try (Connection c = DriverManager.getConnection(dbUrl, System.getProperty("berth.it.dbUser"),
          System.getProperty("berth.it.dbPassword"));
           ResultSet rs = c.createStatement().executeQuery("SELECT * FROM hosts")) {
        while (rs.next()) {
          for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
            rows.append(rs.getString(i)).append('\n');
          }
        }
      }
      return rows.toString();
    }
    String db = "";
    for (int i = 0; i < 100 && !db.contains(control); i++) {
      Thread.sleep(100);
      db = new String(Files.readAllBytes(fx.gw.dataDir.resolve("gateway.mv.db")), StandardCharsets.ISO_8859_1);
    }
    return db;
  }

  private static JsonObject awaitStatus(String host, boolean up) throws Exception {
    long deadline = System.currentTimeMillis() + 15_000;
    JsonObject status = null;
    while (System.currentTimeMillis() < deadline) {
      status = fx.gw.get("/api/hosts/" + host, fx.admin).json().getJsonObject("status");
      if (status.getBoolean("up") == up) {
        return status;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("host " + host + " did not become " + (up ? "up" : "down") + ": " + status);
  }
}
