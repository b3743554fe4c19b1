package dev.berth.gateway.hosts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.gateway.TestGateway.Answer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Drives every host route as anonymous, no-role, viewer, operator (through a team), host
 * admin and global admin, against a really started engine, and asserts allow or deny for
 * each. Allowed calls must really succeed (every call gets its own fresh target), and a
 * host without a role is invisible: 404, never 403.
 */
class RoleMatrixIT {

  /** ADMIN_ANYWHERE: admin on at least one host, or a global admin. */
  private enum Min { VIEWER, OPERATOR, ADMIN, GLOBAL, ANY, ADMIN_ANYWHERE }

  private record Call(String method, String path, String body) {
  }

  @FunctionalInterface
  private interface Prepare {
    Call next() throws Exception;
  }

  private record Route(String name, Min min, int okStatus, Prepare prepare) {
  }

  private static final String HOST = "matrix";
  private static final AtomicInteger SEQ = new AtomicInteger();
  private static final AtomicInteger NETS = new AtomicInteger();
  private static HostsFixture fx;
  private static final Map<String, String[]> SUBJECTS = new LinkedHashMap<>();
  private static final Map<String, Integer> RANK = Map.of("viewer", 0, "operator", 1, "hostAdmin", 2, "globalAdmin", 3);

  @BeforeAll
  static void setUp() throws Exception {
    fx = HostsFixture.get();
    Answer add = fx.gw.post("/api/hosts", new JsonObject().put("id", HOST).put("name", "Role matrix")
        .put("url", fx.engine.url), fx.admin);
    HostsFixture.expect(201, add);
    long viewer = fx.createUser("rm-viewer", "user");
    long operator = fx.createUser("rm-operator", "user");
    long hostAdmin = fx.createUser("rm-hostadmin", "user");
    fx.createUser("rm-norole", "user");
    long operators = fx.createTeam("rm-operators", operator, hostAdmin);
    fx.grants(HOST, "user:" + viewer, "viewer", "team:" + operators, "operator", "user:" + hostAdmin, "admin");
    SUBJECTS.put("anonymous", new String[0]);
    SUBJECTS.put("noRole", fx.login("rm-norole"));
    SUBJECTS.put("viewer", fx.login("rm-viewer"));
    SUBJECTS.put("operator", fx.login("rm-operator"));
    SUBJECTS.put("hostAdmin", fx.login("rm-hostadmin"));
    SUBJECTS.put("globalAdmin", fx.admin);
  }

  private static String unique(String prefix) {
    return prefix + "-" + SEQ.incrementAndGet();
  }

  /** Explicit subnets: the engine's default pools run out after a few dozen networks. */
  private static String subnet() {
    return "10.233." + NETS.incrementAndGet() + ".0/24";
  }

  private static String container(boolean running) throws Exception {
    String name = unique("rm-c");
    if (running) {
      return fx.engine.docker("run", "-d", "--name", name, "busybox", "sleep", "1000");
    }
    return fx.engine.docker("create", "--name", name, "busybox", "sleep", "1000");
  }

  private static String pausedContainer() throws Exception {
    String id = container(true);
    fx.engine.docker("pause", id);
    return id;
  }

  private static String h(String rest) {
    return "/api/hosts/" + HOST + rest;
  }

  private static List<Route> routes() throws Exception {
    String base = container(true);
    String grantsBody = fx.gw.get(h("/access"), fx.admin).body();
    List<Route> r = new ArrayList<>();
    // hosts
    r.add(new Route("GET /hosts", Min.ANY, 200, () -> new Call("GET", "/api/hosts", null)));
    r.add(new Route("POST /hosts", Min.GLOBAL, 201, () -> new Call("POST", "/api/hosts",
        new JsonObject().put("id", unique("rm-host")).put("url", fx.engine.url).encode())));
    r.add(new Route("GET /hosts/{id}", Min.VIEWER, 200, () -> new Call("GET", h(""), null)));
    r.add(new Route("PATCH /hosts/{id}", Min.ADMIN, 200, () -> new Call("PATCH", h(""),
        new JsonObject().put("labels", new JsonObject().put("touched", unique("x"))).encode())));
    r.add(new Route("GET /hosts/{id}/access", Min.ADMIN, 200, () -> new Call("GET", h("/access"), null)));
    r.add(new Route("PUT /hosts/{id}/access", Min.ADMIN, 200, () -> new Call("PUT", h("/access"), grantsBody)));
    r.add(new Route("GET /directory", Min.ADMIN_ANYWHERE, 200, () -> new Call("GET", "/api/directory?q=rm-", null)));
    // containers
    r.add(new Route("GET containers", Min.VIEWER, 200, () -> new Call("GET", h("/containers?all=1"), null)));
    r.add(new Route("GET containers/{cid}", Min.VIEWER, 200, () -> new Call("GET", h("/containers/" + base), null)));
    r.add(new Route("GET containers/{cid}/logs", Min.VIEWER, 200,
        () -> new Call("GET", h("/containers/" + base + "/logs"), null)));
    r.add(new Route("POST containers", Min.ADMIN, 201, () -> new Call("POST", h("/containers"),
        new JsonObject().put("name", unique("rm-new")).put("image", "busybox").encode())));
    r.add(new Route("POST start", Min.OPERATOR, 204,
        () -> new Call("POST", h("/containers/" + container(false) + "/start"), null)));
    r.add(new Route("POST stop", Min.OPERATOR, 204,
        () -> new Call("POST", h("/containers/" + container(true) + "/stop?t=0"), null)));
    r.add(new Route("POST restart", Min.OPERATOR, 204,
        () -> new Call("POST", h("/containers/" + container(true) + "/restart?t=0"), null)));
    r.add(new Route("POST kill", Min.OPERATOR, 204,
        () -> new Call("POST", h("/containers/" + container(true) + "/kill"), null)));
    r.add(new Route("POST pause", Min.OPERATOR, 204,
        () -> new Call("POST", h("/containers/" + container(true) + "/pause"), null)));
    r.add(new Route("POST unpause", Min.OPERATOR, 204,
        () -> new Call("POST", h("/containers/" + pausedContainer() + "/unpause"), null)));
    r.add(new Route("DELETE containers/{cid}", Min.ADMIN, 204,
        () -> new Call("DELETE", h("/containers/" + container(false)), null)));
    // images
    r.add(new Route("GET images", Min.VIEWER, 200, () -> new Call("GET", h("/images"), null)));
    r.add(new Route("GET images/{ref}", Min.VIEWER, 200, () -> new Call("GET", h("/images/busybox:latest"), null)));
    String pullImage = fx.registryImage();
    r.add(new Route("POST images/pull", Min.ADMIN, 200, () -> new Call("POST", h("/images/pull"),
        new JsonObject().put("image", pullImage).put("tag", "latest").encode())));
    r.add(new Route("POST images/{ref}/tag", Min.ADMIN, 201, () -> new Call("POST", h("/images/busybox:latest/tag"),
        new JsonObject().put("repo", unique("rm-tag")).put("tag", "v1").encode())));
    r.add(new Route("DELETE images/{ref}", Min.ADMIN, 200, () -> {
      String tag = unique("rm-del") + ":v1";
      fx.engine.docker("tag", "busybox:latest", tag);
      return new Call("DELETE", h("/images/" + tag), null);
    }));
    r.add(new Route("POST images/prune", Min.ADMIN, 200, () -> new Call("POST", h("/images/prune"), null)));
    // networks
    r.add(new Route("GET networks", Min.VIEWER, 200, () -> new Call("GET", h("/networks"), null)));
    r.add(new Route("POST networks", Min.ADMIN, 201, () -> new Call("POST", h("/networks"),
        new JsonObject().put("name", unique("rm-net")).put("subnet", subnet()).encode())));
    r.add(new Route("DELETE networks/{nid}", Min.ADMIN, 204, () -> {
      String net = unique("rm-net");
      fx.engine.docker("network", "create", "--subnet", subnet(), net);
      return new Call("DELETE", h("/networks/" + net), null);
    }));
    r.add(new Route("POST networks/{nid}/connect", Min.ADMIN, 204, () -> {
      String net = unique("rm-net");
      fx.engine.docker("network", "create", "--subnet", subnet(), net);
      return new Call("POST", h("/networks/" + net + "/connect"),
          new JsonObject().put("container", container(false)).encode());
    }));
    r.add(new Route("POST networks/{nid}/disconnect", Min.ADMIN, 204, () -> {
      String net = unique("rm-net");
      fx.engine.docker("network", "create", "--subnet", subnet(), net);
      String c = container(false);
      fx.engine.docker("network", "connect", net, c);
      return new Call("POST", h("/networks/" + net + "/disconnect"), new JsonObject().put("container", c).encode());
    }));
    // volumes
    r.add(new Route("GET volumes", Min.VIEWER, 200, () -> new Call("GET", h("/volumes"), null)));
    r.add(new Route("POST volumes", Min.ADMIN, 201, () -> new Call("POST", h("/volumes"),
        new JsonObject().put("name", unique("rm-vol")).encode())));
    r.add(new Route("DELETE volumes/{name}", Min.ADMIN, 204, () -> {
      String vol = unique("rm-vol");
      fx.engine.docker("volume", "create", vol);
      return new Call("DELETE", h("/volumes/" + vol), null);
    }));
    return r;
  }

  private static int expected(Route route, String subject) {
    if (subject.equals("anonymous")) {
      return 401;
    }
    boolean hostScoped = route.min != Min.ANY && route.min != Min.GLOBAL && route.min != Min.ADMIN_ANYWHERE;
    if (subject.equals("noRole")) {
      if (route.min == Min.ANY) {
        return route.okStatus;
      }
      return hostScoped ? 404 : 403;
    }
    int rank = RANK.get(subject);
    boolean allowed = switch (route.min) {
      case ANY -> true;
      case VIEWER -> rank >= 0;
      case OPERATOR -> rank >= 1;
      case ADMIN, ADMIN_ANYWHERE -> rank >= 2;
      case GLOBAL -> rank >= 3;
    };
    return allowed ? route.okStatus : 403;
  }

  @Test
  void everyRouteAsEverySubject() throws Exception {
    List<String> failures = new ArrayList<>();
    int checked = 0;
    for (Route route : routes()) {
      for (Map.Entry<String, String[]> subject : SUBJECTS.entrySet()) {
        Call call = route.prepare.next();
        Answer a = fx.gw.call(call.method, call.path, call.body, subject.getValue());
        int want = expected(route, subject.getKey());
        checked++;
        if (a.status() != want) {
          failures.add(route.name + " as " + subject.getKey() + ": expected " + want + ", got " + a.status() + " "
              + a.body());
        } else if (want >= 400 && (a.json() == null || a.json().getString("message") == null)) {
          failures.add(route.name + " as " + subject.getKey() + ": error without {message}: " + a.body());
        }
      }
    }
    assertTrue(failures.isEmpty(), failures.size() + " of " + checked + " checks failed:\n" + String.join("\n", failures));
  }

  @Test
  void directoryListsIdsAndNamesOnly() throws Exception {
    long viewer = fx.gw.get("/api/me", SUBJECTS.get("viewer")).json().getLong("id");
    JsonObject found = fx.gw.get("/api/directory?q=RM-VIEW", SUBJECTS.get("hostAdmin")).json();
    assertEquals(new JsonArray().add(new JsonObject().put("id", viewer).put("username", "rm-viewer")),
        found.getJsonArray("users"), found.encode());
    assertEquals(new JsonArray(), found.getJsonArray("teams"));
    JsonArray teams = fx.gw.get("/api/directory?q=operators", SUBJECTS.get("hostAdmin")).json().getJsonArray("teams");
    assertEquals(1, teams.size(), teams.encode());
    assertEquals(Set.of("id", "name"), teams.getJsonObject(0).fieldNames());
    assertEquals("rm-operators", teams.getJsonObject(0).getString("name"));
    // LIKE wildcards are taken literally
    JsonObject none = fx.gw.get("/api/directory?q=%25", SUBJECTS.get("globalAdmin")).json();
    assertEquals(0, none.getJsonArray("users").size() + none.getJsonArray("teams").size(), none.encode());
    Answer tooLong = fx.gw.get("/api/directory?q=" + "x".repeat(65), SUBJECTS.get("globalAdmin"));
    assertEquals(400, tooLong.status());
  }

  @Test
  void deniedCallsChangeNothing() throws Exception {
    String id = container(true);
    for (String subject : List.of("anonymous", "noRole", "viewer", "operator")) {
      Answer a = fx.gw.call("DELETE", h("/containers/" + id + "?force=true"), null, SUBJECTS.get(subject));
      assertTrue(a.status() >= 400, subject);
    }
    Answer stop = fx.gw.call("POST", h("/containers/" + id + "/stop?t=0"), null, SUBJECTS.get("viewer"));
    assertEquals(403, stop.status());
    assertEquals("true", fx.engine.docker("inspect", "-f", "{{.State.Running}}", id));
  }

  @Test
  void hostListShowsOnlyVisibleHostsWithTheCallersRole() throws Exception {
    Map<String, String> roleOf = Map.of("viewer", "viewer", "operator", "operator", "hostAdmin", "admin",
        "globalAdmin", "admin");
    for (Map.Entry<String, String> e : roleOf.entrySet()) {
      JsonArray items = fx.gw.get("/api/hosts", SUBJECTS.get(e.getKey())).json().getJsonArray("items");
      JsonObject matrix = items.stream().map(o -> (JsonObject) o).filter(o -> o.getString("id").equals(HOST))
          .findFirst().orElseThrow(() -> new AssertionError(e.getKey() + " should see " + HOST));
      assertEquals(e.getValue(), matrix.getString("role"), e.getKey());
      assertTrue(matrix.getJsonObject("status").getBoolean("up"));
    }
    JsonArray none = fx.gw.get("/api/hosts", SUBJECTS.get("noRole")).json().getJsonArray("items");
    assertTrue(none.stream().noneMatch(o -> ((JsonObject) o).getString("id").equals(HOST)), none.encode());
    // unknown and invisible hosts answer the same
    Answer unknown = fx.gw.get("/api/hosts/no-such-host", SUBJECTS.get("noRole"));
    Answer invisible = fx.gw.get(h(""), SUBJECTS.get("noRole"));
    assertEquals(404, unknown.status());
    assertEquals(404, invisible.status());
    assertEquals(unknown.json().getString("message").replace("no-such-host", HOST), invisible.json().getString("message"));
  }

  @Test
  void onlyGlobalAdminsDeleteHosts() throws Exception {
    String id = unique("rm-gone");
    HostsFixture.expect(201, fx.gw.post("/api/hosts", new JsonObject().put("id", id).put("url", fx.engine.url), fx.admin));
    fx.grants(id, "user:" + fx.gw.get("/api/me", SUBJECTS.get("hostAdmin")).json().getLong("id"), "admin");
    assertEquals(401, fx.gw.call("DELETE", "/api/hosts/" + id, null).status());
    assertEquals(404, fx.gw.call("DELETE", "/api/hosts/" + id, null, SUBJECTS.get("viewer")).status());
    assertEquals(403, fx.gw.call("DELETE", "/api/hosts/" + id, null, SUBJECTS.get("hostAdmin")).status());
    assertEquals(204, fx.gw.call("DELETE", "/api/hosts/" + id, null, fx.admin).status());
    assertEquals(404, fx.gw.get("/api/hosts/" + id, fx.admin).status());
    // the engine itself is untouched
    assertEquals(200, fx.gw.get(h("/containers"), fx.admin).status());
  }
}
