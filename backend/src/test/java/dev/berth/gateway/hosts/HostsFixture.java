package dev.berth.gateway.hosts;

import dev.berth.gateway.TestGateway;
import dev.berth.gateway.TestGateway.Answer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * One engine and one gateway (H2 in a temp dir, host "local" = the engine) shared by the
 * host-side integration tests of one JVM, with helpers to create users, teams and grants.
 */
public final class HostsFixture {

  public static final String PASSWORD = "correct horse battery";
  private static HostsFixture shared;

  public final TestEngine engine;
  public final TestGateway gw;
  public final String[] admin;

  private HostsFixture(TestEngine engine, TestGateway gw, String[] admin) {
    this.engine = engine;
    this.gw = gw;
    this.admin = admin;
  }

  private TestRegistry registry;
  private String registryImage;

  /**
   * "127.0.0.1:PORT/busybox" pushed to a local registry (tag latest), for pull tests. The
   * engine keeps no tag of that name, so a pull has real work to do.
   */
  public synchronized String registryImage() throws Exception {
    if (registryImage == null) {
      registry = TestRegistry.start();
      String image = registry.address + "/busybox";
      // seeded with skopeo from a `docker save`, so it works whatever the engine can push
      java.nio.file.Path archive = engine.dir.resolve("busybox-save.tar");
      engine.docker("save", "-o", archive.toString(), "busybox:latest");
      TestEngine.run("skopeo", "copy", "--quiet", "--dest-tls-verify=false",
          "docker-archive:" + archive, "docker://" + image + ":latest");
      java.nio.file.Files.deleteIfExists(archive);
      registryImage = image;
    }
    return registryImage;
  }

  public static synchronized HostsFixture get() throws Exception {
    if (shared == null) {
      System.setProperty("berth.hostCheckSeconds", "1");
      TestEngine engine = TestEngine.start();
      TestGateway gw;
      try {
        gw = TestGateway.start(flags(engine));
      } catch (Exception e) {
        engine.close();
        throw e;
      }
      HostsFixture fixture = new HostsFixture(engine, gw, gw.setupAdmin("root", PASSWORD));
      // one hook, quickest first: the test JVM may be cut short while it runs
      Runtime.getRuntime().addShutdownHook(new Thread(fixture::close));
      shared = fixture;
    }
    return shared;
  }

  /**
   * The gateway's flags: H2 by default; PostgreSQL when -Dberth.it.dbUrl (with
   * berth.it.dbUser and berth.it.dbPassword) names an empty database.
   */
  private static String[] flags(TestEngine engine) {
    List<String> flags = new ArrayList<>(List.of("--hosts", "local=" + engine.url));
    String dbUrl = System.getProperty("berth.it.dbUrl", "");
    if (!dbUrl.isEmpty()) {
      flags.addAll(List.of("--db-url", dbUrl, "--db-user", System.getProperty("berth.it.dbUser", ""),
          "--db-password", System.getProperty("berth.it.dbPassword", "")));
    }
    return flags.toArray(String[]::new);
  }

  private synchronized void close() {
    try {
      if (registry != null) {
        registry.close();
      }
      gw.close();
    } catch (Exception ignored) {
      // the JVM is ending
    }
    engine.close();
  }

  /** Creates a user and returns its id. */
  public long createUser(String username, String globalRole) throws Exception {
    Answer a = gw.post("/api/users", new JsonObject().put("username", username).put("password", PASSWORD)
        .put("globalRole", globalRole), admin);
    expect(201, a);
    return a.json().getLong("id");
  }

  public String[] login(String username) throws Exception {
    return TestGateway.bearer(gw.login(username, PASSWORD));
  }

  public long createTeam(String name, long... members) throws Exception {
    Answer a = gw.post("/api/teams", new JsonObject().put("name", name), admin);
    expect(201, a);
    long id = a.json().getLong("id");
    for (long member : members) {
      Answer m = gw.call("PUT", "/api/teams/" + id + "/members/" + member, null, admin);
      if (m.status() >= 300) {
        throw new AssertionError("adding member failed: " + m.status() + " " + m.body());
      }
    }
    return id;
  }

  /** Replaces the grants of a host: pairs of subject ("user:1") and role. */
  public void grants(String hostId, String... subjectRolePairs) throws Exception {
    JsonArray grants = new JsonArray();
    for (int i = 0; i < subjectRolePairs.length; i += 2) {
      grants.add(new JsonObject().put("subject", subjectRolePairs[i]).put("role", subjectRolePairs[i + 1]));
    }
    Answer a = gw.call("PUT", "/api/hosts/" + hostId + "/access", new JsonObject().put("grants", grants).encode(), admin);
    expect(200, a);
  }

  /**
   * The audit entries of a user (JSON text), polled for up to 5 s until they contain fragment:
   * entries written as a socket closes land just after the client has seen the close.
   */
  public String auditOf(String username, String fragment) throws Exception {
    String actions = "";
    for (long deadline = System.nanoTime() + 5_000_000_000L; System.nanoTime() < deadline; Thread.sleep(50)) {
      actions = gw.get("/api/audit?user=" + username + "&limit=50", admin).json().getJsonArray("items").encode();
      if (actions.contains(fragment)) {
        break;
      }
    }
    return actions;
  }

  public static void expect(int status, Answer a) {
    if (a.status() != status) {
      throw new AssertionError("expected " + status + " but got " + a.status() + ": " + a.body());
    }
  }
}
