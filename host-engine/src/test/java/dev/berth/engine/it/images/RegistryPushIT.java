package dev.berth.engine.it.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.it.Cli;
import dev.berth.engine.it.Engines;
import dev.berth.engine.it.TestEngine;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
