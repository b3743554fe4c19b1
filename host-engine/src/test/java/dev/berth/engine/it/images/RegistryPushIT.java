package dev.berth.engine.it.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.it.Cli;
import dev.berth.engine.it.Engines;
import dev.berth.engine.it.TestEngine;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * `docker push` and `docker login` against Debian's docker-registry, the same on both engines:
 * what one engine pushed, the other pulls and runs; a second push finds the layer there; a
 * registry with authentication takes the push only after a login.
 */
class RegistryPushIT {
  private static final Pattern DIGEST = Pattern.compile("1: digest: (sha256:[0-9a-f]{64}) size: \\d+");
  private static final Pattern LAYER_LINE = Pattern.compile("([0-9a-f]{12}): (.+)");

  private static LocalRegistry open;
  private static LocalRegistry locked;

  @BeforeAll
  static void startRegistries() throws Exception {
    open = new LocalRegistry();
    Cli.Result hash = Cli.run("python3", "-W", "ignore", "-c",
        "import crypt; print(crypt.crypt('s3cret', crypt.mksalt(crypt.METHOD_BLOWFISH)))");
    assertTrue(hash.ok(), hash::toString);
    locked = new LocalRegistry("ituser:" + hash.outTrim());
  }

  @AfterAll
  static void stopRegistries() {
    if (open != null) {
      open.close();
    }
    if (locked != null) {
      locked.close();
    }
  }

  private static Cli.Result withConfig(Path config, TestEngine engine, String... args) {
    List<String> cmd = new ArrayList<>(List.of(Cli.DOCKER, "-H", engine.host()));
    cmd.addAll(List.of(args));
    return Cli.run(cmd, null, Map.of("DOCKER_CONFIG", config.toString()), Duration.ofSeconds(120));
  }

  private static Cli.Result ok(Cli.Result r) {
    assertTrue(r.ok(), r::toString);
    return r;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void whatOneEnginePushesTheOtherPullsAndRuns(TestEngine e) throws Exception {
    String local = ImagesSupport.unique("push");
    String id = ImagesSupport.importBusybox(e, local, "CMD [\"echo\", \"pushed by " + e.name() + "\"]");
    String ref = open.address + "/it/" + local + ":1";
    ok(e.docker("tag", local, ref));
    String out = ok(e.docker("push", ref)).out();
    assertTrue(out.contains("The push refers to repository [" + open.address + "/it/" + local + "]"), out);
    // dockerd mounts a layer that another repository of the registry has; a new one is pushed
    assertTrue(out.contains("Pushed") || out.contains("Mounted from") || out.contains("Layer already exists"), out);
    Matcher m = DIGEST.matcher(out);
    assertTrue(m.find(), out);
    String digest = m.group(1);
    assertTrue(ImagesSupport.inspect(e, ref, "{{json .RepoDigests}}").contains(open.address + "/it/" + local + "@" + digest));
    String again = ok(e.docker("push", ref)).out();
    assertTrue(again.contains("Layer already exists"), again);
    assertTrue(again.contains("1: digest: " + digest), "the same manifest: " + again);
    // another repository of the same registry gets the layer by a cross-repository mount
    String sibling = open.address + "/it/" + local + "-copy:1";
    ok(e.docker("tag", local, sibling));
    String mounted = ok(e.docker("push", sibling)).out();
    assertTrue(mounted.contains("Mounted from it/"), mounted);
    assertFalse(mounted.contains("Pushed"), mounted);
    ok(e.docker("rmi", sibling));

    TestEngine other = e.isBerth() ? Engines.dockerd() : Engines.berth();
    try {
      ok(other.docker("pull", ref));
      assertEquals(id, ImagesSupport.inspect(other, ref, "{{.Id}}"));
      assertEquals("pushed by " + e.name(), ok(other.docker("run", "--rm", ref)).outTrim());
    } finally {
      other.docker("rmi", ref);
    }

    Cli.Result missing = e.docker("push", open.address + "/it/" + local + ":nope");
    assertFalse(missing.ok(), missing::toString);
    assertTrue(missing.err().contains("tag does not exist: " + open.address + "/it/" + local + ":nope"), missing::toString);
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String nowhere = "127.0.0.1:" + port + "/it/" + local + ":1";
    ok(e.docker("tag", local, nowhere));
    Cli.Result down = e.docker("push", nowhere);
    assertFalse(down.ok(), down::toString);
    assertTrue((down.out() + down.err()).contains("connection refused"), down::toString);
    ok(e.docker("rmi", ref, nowhere, local));
  }

  /**
   * Where each layer's compressed blob went, or came from, survives an engine restart (dockerd's
   * distribution metadata, and Berth's): pushing again finds every layer in the registry (and
   * uploads the one the registry lost), a sibling repository mounts every layer, and an image
   * pulled from the registry goes back without an upload, although its blobs are the other
   * engine's compression.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void layerDigestsAreRememberedAcrossARestart(TestEngine e) throws Exception {
    TestEngine other = e.isBerth() ? Engines.dockerd() : Engines.berth();
    String local = ImagesSupport.unique("remember");
    String ref = open.address + "/it/" + local + ":1";
    String sibling = open.address + "/it/" + local + "-copy:1";
    String pulled = open.address + "/it/" + local + "-pulled:1";
    try {
      // layers of their own, so that neither engine nor registry knows them from another test
      List<String> ids = loadTwoLayers(e, ref);
      Map<String, String> first = layerStatus(ok(e.docker("push", ref)).out());
      assertEquals(Map.of(ids.get(0), "Pushed", ids.get(1), "Pushed"), first);
      List<String> pulledIds = loadTwoLayers(other, pulled);
      ok(other.docker("push", pulled));
      ok(other.docker("rmi", pulled));
      String pull = ok(e.docker("pull", pulled)).out();
      assertEquals(2, pull.lines().filter(l -> l.endsWith(": Pull complete")).count(), pull);

      e.restart();

      Map<String, String> again = layerStatus(ok(e.docker("push", ref)).out());
      assertEquals(Map.of(ids.get(0), "Layer already exists", ids.get(1), "Layer already exists"), again,
          "every layer is found in the registry");
      // a registry that lost a blob gets it uploaded again, whatever the engine remembered
      String path = "/v2/it/" + local;
      JsonObject manifest = new JsonObject(ok(Cli.run("curl", "-sf", "-H", "Accept: application/vnd.docker.distribution.manifest.v2+json",
          "http://" + open.address + path + "/manifests/1")).out());
      String lost = manifest.getJsonArray("layers").getJsonObject(0).getString("digest");
      assertEquals("202", ok(Cli.run("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-X", "DELETE",
          "http://" + open.address + path + "/blobs/" + lost)).outTrim());
      Map<String, String> lostOne = layerStatus(ok(e.docker("push", ref)).out());
      assertEquals(Map.of(ids.get(0), "Pushed", ids.get(1), "Layer already exists"), lostOne);
      ok(e.docker("tag", ref, sibling));
      Map<String, String> mounted = layerStatus(ok(e.docker("push", sibling)).out());
      assertEquals(Map.of(ids.get(0), "Mounted from it/" + local, ids.get(1), "Mounted from it/" + local), mounted);
      Map<String, String> back = layerStatus(ok(e.docker("push", pulled)).out());
      assertEquals(Map.of(pulledIds.get(0), "Layer already exists", pulledIds.get(1), "Layer already exists"), back,
          "the pulled blobs are known");
    } finally {
      e.docker("rmi", ref, sibling, pulled);
    }
  }

  /** Each layer's last status in a push's output ("<12 hex>: <status>" lines), by layer id. */
  private static Map<String, String> layerStatus(String out) {
    Map<String, String> last = new java.util.LinkedHashMap<>();
    out.lines().map(String::strip).map(LAYER_LINE::matcher).filter(Matcher::matches).forEach(m -> last.put(m.group(1), m.group(2)));
    return last;
  }

  /**
   * `docker load` of an image of two small layers with random content, tagged {@code ref};
   * returns the layers' short ids as a push shows them (diffIDs).
   */
  private static List<String> loadTwoLayers(TestEngine engine, String ref) throws Exception {
    Path dir = Files.createTempDirectory(Path.of("/tmp"), "it-2l-");
    try {
      JsonArray diffIds = new JsonArray();
      JsonArray layers = new JsonArray();
      for (String name : List.of("first", "second")) {
        byte[] tar = ImagesSupport.singleFileTar(name, (name + " " + java.util.UUID.randomUUID() + "\n").getBytes(StandardCharsets.UTF_8));
        Files.createDirectories(dir.resolve(name));
        Files.write(dir.resolve(name).resolve("layer.tar"), tar);
        diffIds.add("sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(tar)));
        layers.add(name + "/layer.tar");
      }
      byte[] config = new JsonObject().put("architecture", "amd64").put("os", "linux").put("created", "2026-01-01T00:00:00Z")
          .put("config", new JsonObject().put("Cmd", new JsonArray().add("/first")))
          .put("rootfs", new JsonObject().put("type", "layers").put("diff_ids", diffIds))
          .encode().getBytes(StandardCharsets.UTF_8);
      String configName = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(config)) + ".json";
      Files.write(dir.resolve(configName), config);
      Files.writeString(dir.resolve("manifest.json"), new JsonArray().add(new JsonObject().put("Config", configName)
          .put("RepoTags", new JsonArray().add(ref)).put("Layers", layers)).encode());
      Path archive = dir.resolve("image.tar");
      ok(Cli.run("tar", "-C", dir.toString(), "-cf", archive.toString(), "manifest.json", configName, "first", "second"));
      ok(engine.docker("load", "-i", archive.toString()));
      return diffIds.stream().map(d -> ((String) d).substring(7, 19)).toList();
    } finally {
      Cli.run("rm", "-rf", dir.toString());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void aRegistryWithAuthenticationTakesThePushAfterALogin(TestEngine e) throws Exception {
    Path config = Files.createTempDirectory(Path.of("/tmp"), "it-login-");
    String local = ImagesSupport.unique("login");
    String ref = locked.address + "/it/" + local + ":1";
    try {
      ImagesSupport.importBusybox(e, local);
      ok(e.docker("tag", local, ref));
      Cli.Result anonymous = withConfig(config, e, "push", ref);
      assertFalse(anonymous.ok(), anonymous::toString);
      assertFalse((anonymous.out() + anonymous.err()).contains("Pushed"), anonymous::toString);

      Cli.Result wrong = withConfig(config, e, "login", "-u", "ituser", "-p", "wrong", locked.address);
      assertFalse(wrong.ok(), wrong::toString);
      assertTrue(wrong.err().contains("401 Unauthorized"), wrong::toString);
      assertFalse(Files.exists(config.resolve("config.json")) && Files.readString(config.resolve("config.json"))
          .contains(locked.address), "a refused login stores nothing");

      Cli.Result login = ok(withConfig(config, e, "login", "-u", "ituser", "-p", "s3cret", locked.address));
      assertTrue(login.out().contains("Login Succeeded"), login::toString);
      String out = ok(withConfig(config, e, "push", ref)).out();
      assertTrue(DIGEST.matcher(out).find(), out);
    } finally {
      e.docker("rmi", ref, local);
      Cli.run("rm", "-rf", config.toString());
    }
  }
}
