package dev.berth.engine.it.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.it.Cli;
import dev.berth.engine.it.Engines;
import dev.berth.engine.it.TestEngine;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** `docker pull` from a local registry (plain HTTP on 127.0.0.1), as dockerd does it. */
class RegistryPullIT {

  private static LocalRegistry registry;
  private static String image;
  private static String imageId;
  private static String repoDigest;
  private static String ociImage;
  private static String ociLayers;
  private static String listImage;
  private static String armImageId;
  private static String uniqueImage;

  @BeforeAll
  static void pushTestImages() throws Exception {
    registry = new LocalRegistry();
    TestEngine dockerd = Engines.dockerd();
    String local = ImagesSupport.unique("pushed");
    imageId = ImagesSupport.importBusybox(dockerd, local, "CMD [\"echo\", \"pulled\"]", "LABEL it.pull=1");
    image = registry.address + "/it/" + local + ":1";
    assertTrue(dockerd.docker("tag", local, image).ok());
    Cli.Result push = dockerd.docker("push", image);
    assertTrue(push.ok(), push::toString);
    repoDigest = ImagesSupport.inspect(dockerd, image, "{{index .RepoDigests 0}}");
    assertTrue(dockerd.docker("rmi", image, local).ok());

    // an OCI manifest, as skopeo and BuildKit push them
    String ociLocal = ImagesSupport.unique("oci");
    ImagesSupport.importBusybox(dockerd, ociLocal, "CMD [\"echo\", \"oci\"]");
    ociLayers = ImagesSupport.inspect(dockerd, ociLocal, "{{json .RootFS.Layers}}");
    Path archive = ImagesSupport.tempFile(".tar");
    assertTrue(dockerd.docker("save", "-o", archive.toString(), ociLocal).ok());
    ociImage = registry.address + "/it/" + ociLocal + ":2";
    Cli.Result copy = Cli.run("skopeo", "copy", "--quiet", "--dest-tls-verify=false", "--format", "oci",
        "docker-archive:" + archive, "docker://" + ociImage);
    assertTrue(copy.ok(), copy::toString);
    assertTrue(dockerd.docker("rmi", ociLocal).ok());

    // a manifest list: linux/amd64 is the image above, linux/arm64 another one
    String armLocal = ImagesSupport.unique("arm");
    armImageId = ImagesSupport.importBusybox(dockerd, armLocal, "CMD [\"echo\", \"arm\"]");
    String armImage = registry.address + "/it/" + armLocal + ":1";
    assertTrue(dockerd.docker("tag", armLocal, armImage).ok());
    assertTrue(dockerd.docker("push", armImage).ok());
    assertTrue(dockerd.docker("rmi", armImage, armLocal).ok());
    listImage = registry.address + "/it/" + ImagesSupport.unique("list") + ":3";
    cli(dockerd, "manifest", "create", "--insecure", listImage, image, armImage);
    cli(dockerd, "manifest", "annotate", "--arch", "arm64", listImage, armImage);
    cli(dockerd, "manifest", "push", "--insecure", listImage);

    // a layer that no engine has yet, big enough for progress reports
    Path big = ImagesSupport.tempFile(".tar");
    try (var out = java.nio.file.Files.newOutputStream(big);
        var tar = new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(out)) {
      byte[] data = new byte[3 << 20];
      new java.util.Random().nextBytes(data);
      var entry = new org.apache.commons.compress.archivers.tar.TarArchiveEntry("random.bin");
      entry.setSize(data.length);
      tar.putArchiveEntry(entry);
      tar.write(data);
      tar.closeArchiveEntry();
    }
    String uniqueLocal = ImagesSupport.unique("uniq");
    assertTrue(dockerd.docker("import", big.toString(), uniqueLocal).ok());
    uniqueImage = registry.address + "/it/" + uniqueLocal + ":1";
    assertTrue(dockerd.docker("tag", uniqueLocal, uniqueImage).ok());
    assertTrue(dockerd.docker("push", uniqueImage).ok());
    assertTrue(dockerd.docker("rmi", uniqueImage, uniqueLocal).ok());
  }

  /** The CLI's own commands (manifest) with the engine's isolated CLI config. */
  private static void cli(TestEngine engine, String... args) {
    java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of(Cli.DOCKER));
    cmd.addAll(java.util.List.of(args));
    Cli.Result r = Cli.run(cmd, null, engine.cliEnv(), Cli.DEFAULT_TIMEOUT);
    assertTrue(r.ok(), r::toString);
  }

  @AfterAll
  static void stopRegistry() {
    if (registry != null) {
      registry.close();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void pullStoresTheImageWithItsDigestThenIsUpToDate(TestEngine engine) {
    Cli.Result pull = engine.docker("pull", image);
    assertTrue(pull.ok(), pull::toString);
    assertTrue(pull.out().contains("Digest: " + repoDigest.substring(repoDigest.indexOf('@') + 1)), pull::toString);
    assertTrue(pull.out().contains("Status: Downloaded newer image for " + image), pull::toString);
    assertEquals(imageId, ImagesSupport.inspect(engine, image, "{{.Id}}"));
    assertTrue(ImagesSupport.inspect(engine, image, "{{json .RepoDigests}}").contains(repoDigest));
    assertEquals("[\"echo\",\"pulled\"]", ImagesSupport.inspect(engine, image, "{{json .Config.Cmd}}"));

    Cli.Result again = engine.docker("pull", image);
    assertTrue(again.ok(), again::toString);
    assertTrue(again.out().contains("Status: Image is up to date for " + image), again::toString);

    // by digest too
    Cli.Result byDigest = engine.docker("pull", repoDigest);
    assertTrue(byDigest.ok(), byDigest::toString);
    assertEquals(imageId, ImagesSupport.inspect(engine, repoDigest, "{{.Id}}"));

    // removing the last tag of the repository takes its digest reference along
    Cli.Result rmi = engine.docker("rmi", image);
    assertTrue(rmi.ok(), rmi::toString);
    assertTrue(rmi.out().contains("Untagged: " + image + "\n"), rmi::toString);
    assertTrue(rmi.out().contains("Untagged: " + repoDigest + "\n"), rmi::toString);
    assertFalse(engine.docker("image", "inspect", repoDigest).ok());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void pullOfAnOciManifest(TestEngine engine) {
    Cli.Result pull = engine.docker("pull", ociImage);
    assertTrue(pull.ok(), pull::toString);
    assertEquals("[\"echo\",\"oci\"]", ImagesSupport.inspect(engine, ociImage, "{{json .Config.Cmd}}"));
    // skopeo rewrites the config for OCI, never the layer contents
    assertEquals(ociLayers, ImagesSupport.inspect(engine, ociImage, "{{json .RootFS.Layers}}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void manifestListResolvesToLinuxAmd64(TestEngine engine) {
    Cli.Result pull = engine.docker("pull", listImage);
    assertTrue(pull.ok(), pull::toString);
    assertEquals(imageId, ImagesSupport.inspect(engine, listImage, "{{.Id}}"));
    assertEquals("[\"echo\",\"pulled\"]", ImagesSupport.inspect(engine, listImage, "{{json .Config.Cmd}}"));

    Cli.Result arm = engine.docker("pull", "--platform", "linux/arm64", listImage);
    assertTrue(arm.ok(), arm::toString);
    assertEquals(armImageId, ImagesSupport.inspect(engine, listImage, "{{.Id}}"));
    Cli.Result none = engine.docker("pull", "--platform", "linux/s390x", listImage);
    assertFalse(none.ok(), none::toString);
    assertTrue(none.err().contains("no matching manifest for linux/s390x in the manifest list entries"), none::toString);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void pullReportsLayerProgressAsNdjson(TestEngine engine) {
    String repo = uniqueImage.substring(0, uniqueImage.lastIndexOf(':'));
    Cli.Result r = Cli.run("curl", "-s", "--unix-socket", engine.socket().toString(), "-X", "POST",
        "http://x/v1.41/images/create?fromImage=" + repo + "&tag=1");
    assertTrue(r.ok(), r::toString);
    java.util.List<io.vertx.core.json.JsonObject> messages = new java.util.ArrayList<>();
    for (String line : r.outTrim().split("\r?\n")) {
      messages.add(new io.vertx.core.json.JsonObject(line));
    }
    String layer = messages.get(1).getString("id");
    assertEquals("Pulling from " + repo.substring(registry.address.length() + 1), messages.get(0).getString("status"), r::toString);
    assertEquals("Pulling fs layer", messages.get(1).getString("status"), r::toString);
    assertTrue(messages.stream().anyMatch(m -> "Downloading".equals(m.getString("status")) && layer.equals(m.getString("id"))
        && m.getJsonObject("progressDetail").getLong("total", 0L) > 0), r::toString);
    assertTrue(messages.stream().anyMatch(m -> "Pull complete".equals(m.getString("status")) && layer.equals(m.getString("id"))), r::toString);
    assertEquals("Status: Downloaded newer image for " + uniqueImage, messages.get(messages.size() - 1).getString("status"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void unknownTagAndUnreachableRegistryFailLikeDockerd(TestEngine engine) {
    String missing = registry.address + "/it/none:404";
    Cli.Result r = engine.docker("pull", missing);
    assertFalse(r.ok(), r::toString);
    assertTrue(r.err().contains("manifest for " + missing + " not found: manifest unknown"), r::toString);
    Cli.Result down = engine.docker("pull", "127.0.0.1:1/it/x:1");
    assertFalse(down.ok(), down::toString);
    assertTrue(down.err().contains("Get \"http://127.0.0.1:1/v2/\""), down::toString);
    assertTrue(down.err().contains("connection refused"), down::toString);
  }

  /**
   * A registry that serves other bytes than the layer's digest names fails the pull, as with
   * dockerd, even when they decompress to the right layer (here: the same tar, gzipped anew):
   * a pull records which blob holds a layer, and later pushes trust that record.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void aLayerBlobThatDoesNotMatchItsDigestFailsThePull(TestEngine engine) throws Exception {
    TestEngine dockerd = Engines.dockerd();
    String local = ImagesSupport.unique("tampered");
    Path tar = ImagesSupport.tempFile(".tar");
    java.nio.file.Files.write(tar, ImagesSupport.singleFileTar("tampered.txt",
        (local + "\n").repeat(1000).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    assertTrue(dockerd.docker("import", tar.toString(), local).ok());
    String diffId = ImagesSupport.inspect(dockerd, local, "{{index .RootFS.Layers 0}}");
    String ref = registry.address + "/it/" + local + ":1";
    assertTrue(dockerd.docker("tag", local, ref).ok());
    assertTrue(dockerd.docker("push", ref).ok());
    assertTrue(dockerd.docker("rmi", ref, local).ok());
    Cli.Result manifest = Cli.run("curl", "-sf", "-H", "Accept: application/vnd.docker.distribution.manifest.v2+json",
        "http://" + registry.address + "/v2/it/" + local + "/manifests/1");
    assertTrue(manifest.ok(), manifest::toString);
    String digest = new io.vertx.core.json.JsonObject(manifest.out()).getJsonArray("layers").getJsonObject(0).getString("digest");
    Path data = registry.blobData(digest);
    Cli.Result regzip = Cli.run("sh", "-c", "gzip -dc '" + data + "' | gzip -1 -n > '" + data + ".new' && mv '" + data + ".new' '" + data + "'");
    assertTrue(regzip.ok(), regzip::toString);

    Cli.Result pull = engine.docker("pull", ref);
    assertFalse(pull.ok(), pull::toString);
    assertTrue(pull.err().contains("filesystem layer verification failed for digest " + digest), pull::toString);
    assertFalse(engine.docker("image", "inspect", ref).ok());
    if (engine.isBerth()) {
      assertFalse(java.nio.file.Files.exists(engine.dataRoot().resolve("image/layers/" + diffId.substring(7))),
          "the layer was not stored");
    }
  }

  /** What Berth pulled, it can save, and dockerd loads the same image from that archive. */
  @Test
  void pulledImageSavesForDockerd() {
    TestEngine berth = Engines.berth();
    assertTrue(berth.docker("pull", image).ok());
    Path archive = ImagesSupport.tempFile(".tar");
    assertTrue(berth.docker("save", "-o", archive.toString(), image).ok());
    TestEngine dockerd = Engines.dockerd();
    Cli.Result load = dockerd.docker("load", "-i", archive.toString());
    assertTrue(load.ok(), load::toString);
    assertEquals(imageId, ImagesSupport.inspect(dockerd, image, "{{.Id}}"));
  }
}
