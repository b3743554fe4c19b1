package dev.berth.gateway.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.gateway.TestGateway.Answer;
import dev.berth.gateway.hosts.HostsFixture;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real docker CLI 28 through /api/hosts/local/docker, with API keys in config.json, for an
 * admin, an operator and a viewer of the host, and a user without any role on it.
 */
class DockerProxyIT {

  private static HostsFixture fx;
  private static DockerCli admin;
  private static DockerCli operator;
  private static DockerCli viewer;
  private static DockerCli stranger;
  private static DockerCli anonymous;

  @BeforeAll
  static void setUp() throws Exception {
    fx = HostsFixture.get();
    long op = fx.createUser("px-operator", "user");
    long view = fx.createUser("px-viewer", "user");
    fx.createUser("px-stranger", "user");
    fx.grants("local", "user:" + op, "operator", "user:" + view, "viewer");
    admin = cli(fx.admin);
    operator = cli(fx.login("px-operator"));
    viewer = cli(fx.login("px-viewer"));
    stranger = cli(fx.login("px-stranger"));
    anonymous = DockerCli.forKey(fx.gw.baseUrl, "local", null);
  }

  private static DockerCli cli(String[] bearer) throws Exception {
    Answer key = fx.gw.post("/api/me/keys", new JsonObject().put("name", "docker cli"), bearer);
    assertEquals(201, key.status(), key.body());
    return DockerCli.forKey(fx.gw.baseUrl, "local", key.json().getString("key"));
  }

  private static DockerCli.Result ok(DockerCli.Result r) {
    assertEquals(0, r.exitCode(), r.output());
    return r;
  }

  private static void denied(DockerCli.Result r, String... fragments) {
    assertNotEquals(0, r.exitCode(), r.output());
    for (String fragment : fragments) {
      assertTrue(r.output().contains(fragment), "'" + fragment + "' in: " + r.output());
    }
  }

  @Test
  void versionNegotiationAndPsGoThroughTheProxy() throws Exception {
    String version = ok(admin.run("version", "--format", "{{.Server.APIVersion}}")).output().trim();
    assertTrue(version.matches("1\\.[0-9]+"), version);
    fx.engine.docker("create", "--name", "px-listed", "busybox", "true");
    String ps = ok(viewer.run("ps", "-a", "--format", "{{.Names}}")).output();
    assertTrue(ps.contains("px-listed"), ps);
  }

  @Test
  void runRemoveAndExecAsOperator() throws Exception {
    assertEquals("hello", ok(operator.run("run", "--rm", "busybox", "echo", "hello")).output().trim());
    ok(operator.run("run", "-d", "--name", "px-exec", "busybox", "sleep", "1000"));
    DockerCli.Result exec = operator.run("exec", "px-exec", "sh", "-c", "echo out; echo err >&2; exit 5");
    assertEquals(5, exec.exitCode(), exec.output());
    assertTrue(exec.output().contains("out") && exec.output().contains("err"), exec.output());
    // stdin EOF crosses the proxy as a half-close, so cat ends and its output still arrives
    assertEquals("abc", ok(operator.runWithInput("abc", "exec", "-i", "px-exec", "cat")).output());
  }

  @Test
  void interactiveExecUnderAPty() throws Exception {
    ok(operator.run("run", "-d", "--name", "px-tty", "busybox", "sleep", "1000"));
    DockerCli.Result r = operator.runInPty("docker exec -it px-tty sh", "echo hi-$((6*7)); stty size; exit 3\r");
    assertEquals(3, r.exitCode(), r.output());
    // the shell's answer, not the terminal echo of the typed line
    assertTrue(r.output().contains("hi-42"), r.output());
  }

  @Test
  void logsFollowEndsWhenTheContainerExits() throws Exception {
    ok(operator.run("run", "-d", "--name", "px-logs", "busybox", "sh", "-c",
        "for i in 1 2 3; do echo line$i; sleep 0.3; done; echo bad >&2"));
    DockerCli.Result logs = ok(viewer.run("logs", "-f", "px-logs"));
    assertTrue(logs.output().contains("line1\nline2\nline3\n"), logs.output());
    assertTrue(logs.output().contains("bad"), logs.output());
  }

  @Test
  void pullFromTheLocalRegistryNeedsAdmin() throws Exception {
    String image = fx.registryImage();
    denied(operator.run("pull", image), "forbidden", "admin role");
    ok(admin.run("pull", image));
    assertTrue(fx.engine.docker("image", "inspect", "-f", "{{.Id}}", image).startsWith("sha256:"));
  }

  @Test
  void buildStreamsAContextLargerThanTheBodyLimit() throws Exception {
    Path context = Files.createTempDirectory(Path.of("/tmp"), "px-build-");
    byte[] blob = new byte[3 << 20];
    new Random(7).nextBytes(blob);
    Files.write(context.resolve("blob.bin"), blob);
    Files.writeString(context.resolve("Dockerfile"), "FROM busybox\nCOPY blob.bin /blob.bin\nRUN echo built > /built\n");
    ok(admin.run("build", "-q", "-t", "px-built:1", context.toString()));
    assertEquals("built " + blob.length, ok(admin.run("run", "--rm", "px-built:1", "sh", "-c",
        "echo $(cat /built) $(wc -c < /blob.bin)")).output().trim());
    denied(operator.run("build", "-t", "px-built:2", context.toString()), "forbidden");
    try (var files = Files.walk(context)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }

  @Test
  void rolesDecideWhatTheCliMayDo() throws Exception {
    ok(operator.run("run", "-d", "--name", "px-roles", "busybox", "sleep", "1000"));
    denied(viewer.run("rm", "-f", "px-roles"), "forbidden", "needs the admin role on host local (yours: viewer)");
    denied(viewer.run("stop", "px-roles"), "forbidden", "operator role");
    denied(viewer.run("exec", "px-roles", "true"), "forbidden");
    ok(operator.run("stop", "-t", "1", "px-roles"));
    assertEquals("exited", fx.engine.docker("inspect", "-f", "{{.State.Status}}", "px-roles"));
    denied(operator.run("rm", "px-roles"), "forbidden", "admin role");
    ok(admin.run("rm", "px-roles"));
    assertNotEquals(0, fx.engine.tryDocker("inspect", "px-roles").exitCode());

    Answer audit = fx.gw.get("/api/audit?host=local&limit=200", fx.admin);
    assertEquals(200, audit.status(), audit.body());
    JsonArray entries = audit.json().getJsonArray("items");
    boolean stopped = false;
    boolean refused = false;
    for (Object o : entries) {
      JsonObject e = (JsonObject) o;
      String action = e.getString("action");
      stopped |= "px-operator".equals(e.getString("username")) && action.startsWith("POST /api/hosts/{id}/docker/containers")
          && "/containers/px-roles/stop".equals(e.getString("target")) && "204".equals(e.getString("outcome"));
      refused |= "px-operator".equals(e.getString("username")) && action.startsWith("DELETE /api/hosts/{id}/docker")
          && "403".equals(e.getString("outcome"));
    }
    assertTrue(stopped && refused, "stop and the refused rm are audited: " + entries.encodePrettily());
  }

  @Test
  void securityPolicyRefusesPrivilegedContainersAndExecs() throws Exception {
    denied(operator.run("run", "--rm", "--privileged", "busybox", "true"), "security policy", "privileged");
    denied(operator.run("run", "--rm", "-v", "/etc:/host-etc", "busybox", "true"), "security policy", "bindMounts");
    ok(operator.run("run", "-d", "--name", "px-policy", "busybox", "sleep", "1000"));
    denied(operator.run("exec", "--privileged", "px-policy", "true"), "security policy", "privileged");
    assertEquals("false", fx.engine.docker("inspect", "-f", "{{.HostConfig.Privileged}}", "px-policy"));
  }

  @Test
  void credentialsAreRequiredAndHostsWithoutARoleStayInvisible() throws Exception {
    denied(anonymous.run("ps"), "authentication required");
    DockerCli wrongKey = DockerCli.forKey(fx.gw.baseUrl, "local", "bk_aaaaaaaaaa_" + "x".repeat(43));
    denied(wrongKey.run("ps"), "invalid");
    denied(stranger.run("ps"), "no such host: local");
    DockerCli elsewhere = DockerCli.forKey(fx.gw.baseUrl, "nowhere", null);
    denied(elsewhere.run("ps"), "authentication required");
  }
}
