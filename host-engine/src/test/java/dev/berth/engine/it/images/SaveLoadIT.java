package dev.berth.engine.it.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.it.Cli;
import dev.berth.engine.it.Engines;
import dev.berth.engine.it.TestEngine;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** docker save / docker load in both directions between Berth and dockerd. */
class SaveLoadIT {

  private static final String FIELDS = "{{.Id}} {{json .RootFS.Layers}} {{json .Config}} {{.Size}} {{json .RepoTags}}";

  @Test
  void imageSavedByDockerdLoadsAndRunsInBerthUnchanged() {
    TestEngine dockerd = Engines.dockerd();
    TestEngine berth = Engines.berth();
    String name = ImagesSupport.unique("fromd") + ":1";
    ImagesSupport.importBusybox(dockerd, name, "CMD [\"echo\", \"from dockerd\"]", "ENV K=v", "LABEL it.saved=1");
    Path archive = ImagesSupport.tempFile(".tar");
    Cli.Result save = dockerd.docker("save", "-o", archive.toString(), name);
    assertTrue(save.ok(), save::toString);

    Cli.Result load = berth.docker("load", "-i", archive.toString());
    assertTrue(load.ok(), load::toString);
    assertEquals("Loaded image: " + name, load.outTrim());
    assertEquals(ImagesSupport.inspect(dockerd, name, FIELDS), ImagesSupport.inspect(berth, name, FIELDS));
    assertEquals(ImagesSupport.inspect(dockerd, name, "{{.Created}} {{.Comment}}"), ImagesSupport.inspect(berth, name, "{{.Created}} {{.Comment}}"));

    Cli.Result run = berth.docker("run", "--rm", name);
    assertTrue(run.ok(), run::toString);
    assertEquals("from dockerd", run.outTrim());

    // loading again changes nothing and says so the same way
    Cli.Result again = berth.docker("load", "-i", archive.toString());
    assertTrue(again.ok(), again::toString);
    assertEquals("Loaded image: " + name, again.outTrim());
  }

  @Test
  void imageSavedByBerthLoadsAndRunsInDockerd() {
    TestEngine berth = Engines.berth();
    TestEngine dockerd = Engines.dockerd();
    String name = ImagesSupport.unique("fromb") + ":2";
    ImagesSupport.importBusybox(berth, name, "ENTRYPOINT [\"/bin/sh\", \"-c\"]", "CMD [\"echo run-in-dockerd $K\"]", "ENV K=from-berth", "WORKDIR /tmp");
    Path archive = ImagesSupport.tempFile(".tar");
    Cli.Result save = berth.docker("save", "-o", archive.toString(), name);
    assertTrue(save.ok(), save::toString);

    Cli.Result load = dockerd.docker("load", "-i", archive.toString());
    assertTrue(load.ok(), load::toString);
    assertEquals("Loaded image: " + name, load.outTrim());
    assertEquals(ImagesSupport.inspect(berth, name, FIELDS), ImagesSupport.inspect(dockerd, name, FIELDS));

    Cli.Result run = dockerd.docker("run", "--rm", "--network", "none", name);
    assertTrue(run.ok(), run::toString);
    assertEquals("run-in-dockerd from-berth", run.outTrim());
    Cli.Result pwd = dockerd.docker("run", "--rm", "--network", "none", name, "pwd; id -u");
    assertEquals("/tmp\n0", pwd.outTrim(), pwd::toString);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void saveOfSeveralImagesAndTagsRoundTrips(TestEngine engine) {
    String repo = ImagesSupport.unique("multi");
    String a = ImagesSupport.importBusybox(engine, repo + ":a", "LABEL which=a");
    String b = ImagesSupport.importBusybox(engine, repo + ":b", "LABEL which=b");
    Path archive = ImagesSupport.tempFile(".tar");
    // a bare repository name saves all of its tags
    Cli.Result save = engine.docker("save", "-o", archive.toString(), repo);
    assertTrue(save.ok(), save::toString);
    assertTrue(engine.docker("rmi", repo + ":a", repo + ":b").ok());
    assertFalse(engine.docker("image", "inspect", a).ok());

    Cli.Result load = engine.docker("load", "-i", archive.toString());
    assertTrue(load.ok(), load::toString);
    assertTrue(load.out().contains("Loaded image: " + repo + ":a"), load::toString);
    assertTrue(load.out().contains("Loaded image: " + repo + ":b"), load::toString);
    assertEquals(a, ImagesSupport.inspect(engine, repo + ":a", "{{.Id}}"));
    assertEquals(b, ImagesSupport.inspect(engine, repo + ":b", "{{.Id}}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void malformedArchiveFailsWithAMessageAndLoadsNothing(TestEngine engine) {
    String before = ImagesSupport.allIds(engine);
    Cli.Result r = engine.docker("load", "-i", ImagesSupport.junk().toString());
    assertFalse(r.ok(), r::toString);
    assertTrue(r.err().contains("Error processing tar file"), r::toString);
    assertEquals(before, ImagesSupport.allIds(engine));
  }

  /** An OCI image layout (what skopeo and Docker 25+ write) loads too; dockerd 20.10 cannot. */
  @Test
  void ociLayoutLoadsInBerth() {
    TestEngine berth = Engines.berth();
    String name = ImagesSupport.unique("oci") + ":3";
    ImagesSupport.importBusybox(berth, name, "CMD [\"echo\", \"oci\"]");
    Path docker = ImagesSupport.tempFile(".tar");
    assertTrue(berth.docker("save", "-o", docker.toString(), name).ok());
    Path oci = ImagesSupport.tempFile(".oci.tar");
    Cli.Result copy = Cli.run("skopeo", "copy", "--quiet", "docker-archive:" + docker, "oci-archive:" + oci + ":" + name + "-oci");
    assertTrue(copy.ok(), copy::toString);
    // the conversion rewrites the config (so the id changes), never the layers or the runtime config
    String fields = "{{json .RootFS.Layers}} {{json .Config.Cmd}}";
    String expected = ImagesSupport.inspect(berth, name, fields);
    assertTrue(berth.docker("rmi", name).ok());

    Cli.Result load = berth.docker("load", "-i", oci.toString());
    assertTrue(load.ok(), load::toString);
    assertEquals("Loaded image: " + name + "-oci", load.outTrim());
    assertEquals(expected, ImagesSupport.inspect(berth, name + "-oci", fields));
  }
}
