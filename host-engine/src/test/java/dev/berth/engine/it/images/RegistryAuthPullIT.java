package dev.berth.engine.it.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.it.Cli;
import dev.berth.engine.it.Engines;
import dev.berth.engine.it.TestEngine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Pulls from a registry with basic authentication: the CLI's stored credentials reach it. */
class RegistryAuthPullIT {

  private static LocalRegistry registry;
  private static Path config;
  private static String image;
  private static String imageId;

  @BeforeAll
  static void pushWithCredentials() throws Exception {
    Cli.Result hash = Cli.run("python3", "-W", "ignore", "-c",
        "import crypt; print(crypt.crypt('s3cret', crypt.mksalt(crypt.METHOD_BLOWFISH)))");
    assertTrue(hash.ok(), hash::toString);
    registry = new LocalRegistry("ituser:" + hash.outTrim());
    // the CLI's credential store, as `docker login` leaves it
    config = Files.createTempDirectory(Path.of("/tmp"), "it-cfg-");
    String auth = Base64.getEncoder().encodeToString("ituser:s3cret".getBytes(StandardCharsets.UTF_8));
    Files.writeString(config.resolve("config.json"), "{\"auths\":{\"" + registry.address + "\":{\"auth\":\"" + auth + "\"}}}");

    TestEngine dockerd = Engines.dockerd();
    String local = ImagesSupport.unique("auth");
    imageId = ImagesSupport.importBusybox(dockerd, local, "CMD [\"echo\", \"private\"]");
    image = registry.address + "/it/" + local + ":1";
    assertTrue(dockerd.docker("tag", local, image).ok());
    Cli.Result push = withCredentials(dockerd, "push", image);
    assertTrue(push.ok(), push::toString);
    assertTrue(dockerd.docker("rmi", image, local).ok());
  }

  @AfterAll
  static void stopRegistry() {
    if (registry != null) {
      registry.close();
    }
    if (config != null) {
      Cli.run("rm", "-rf", config.toString());
    }
  }

  private static Cli.Result withCredentials(TestEngine engine, String... args) {
    List<String> cmd = new java.util.ArrayList<>(List.of(Cli.DOCKER, "-H", engine.host()));
    cmd.addAll(List.of(args));
    return Cli.run(cmd, null, Map.of("DOCKER_CONFIG", config.toString()), Duration.ofSeconds(120));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void pullNeedsAndUsesTheCredentials(TestEngine engine) {
    Cli.Result anonymous = engine.docker("pull", image);
    assertFalse(anonymous.ok(), anonymous::toString);
    assertFalse(engine.docker("image", "inspect", image).ok());

    Cli.Result pull = withCredentials(engine, "pull", image);
    assertTrue(pull.ok(), pull::toString);
    assertEquals(imageId, ImagesSupport.inspect(engine, image, "{{.Id}}"));
    assertTrue(engine.docker("rmi", image).ok());
  }
}
