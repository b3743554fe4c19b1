package dev.berth.engine.it.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.it.Cli;
import dev.berth.engine.it.Engines;
import dev.berth.engine.it.TestEngine;
import dev.berth.engine.it.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** `docker import` with --change, compression, and bad input, as dockerd does it. */
class ImageImportIT {

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void importWithChangesSetsTheImageConfig(TestEngine engine) {
    String name = ImagesSupport.unique("imp") + ":v1";
    String id =
        ImagesSupport.importBusybox(
            engine,
            name,
            "CMD [\"-c\", \"echo hi\"]",
            "ENTRYPOINT [\"/bin/sh\"]",
            "ENV A=1 B=\"two words\"",
            "ENV C ${A:-z}/x",
            "WORKDIR /srv",
            "WORKDIR app",
            "USER 1000:1000",
            "EXPOSE 80 53/udp",
            "LABEL org.example.k=v other=\"with space\"",
            "VOLUME /data");
    assertTrue(id.matches("sha256:[0-9a-f]{64}"), id);
    assertEquals(id, ImagesSupport.inspect(engine, name, "{{.Id}}"));
    assertEquals("[\"-c\",\"echo hi\"]", ImagesSupport.inspect(engine, name, "{{json .Config.Cmd}}"));
    assertEquals("[\"/bin/sh\"]", ImagesSupport.inspect(engine, name, "{{json .Config.Entrypoint}}"));
    assertEquals("[\"A=1\",\"B=two words\",\"C=1/x\"]", ImagesSupport.inspect(engine, name, "{{json .Config.Env}}"));
    assertEquals("/srv/app", ImagesSupport.inspect(engine, name, "{{.Config.WorkingDir}}"));
    assertEquals("1000:1000", ImagesSupport.inspect(engine, name, "{{.Config.User}}"));
    assertEquals("{\"53/udp\":{},\"80/tcp\":{}}", ImagesSupport.inspect(engine, name, "{{json .Config.ExposedPorts}}"));
    assertEquals("{\"org.example.k\":\"v\",\"other\":\"with space\"}", ImagesSupport.inspect(engine, name, "{{json .Config.Labels}}"));
    assertEquals("{\"/data\":{}}", ImagesSupport.inspect(engine, name, "{{json .Config.Volumes}}"));
    assertEquals("Imported from -", ImagesSupport.inspect(engine, name, "{{.Comment}}"));
    assertEquals("linux amd64 layers 1", ImagesSupport.inspect(engine, name, "{{.Os}} {{.Architecture}} {{.RootFS.Type}} {{len .RootFS.Layers}}"));
    assertEquals("[\"" + name + "\"]", ImagesSupport.inspect(engine, name, "{{json .RepoTags}}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void messageBecomesTheCommentAndGzipGivesTheSameLayer(TestEngine engine) {
    String plain = ImagesSupport.unique("plain");
    ImagesSupport.importBusybox(engine, plain);
    String zipped = ImagesSupport.unique("gz");
    Cli.Result r = engine.docker("import", "-m", "from gzip", ImagesSupport.gzip(TestImages.busyboxTar()).toString(), zipped);
    assertTrue(r.ok(), r::toString);
    assertEquals("from gzip", ImagesSupport.inspect(engine, zipped, "{{.Comment}}"));
    // the diffID is the digest of the uncompressed tar, whatever the transport
    assertEquals(
        ImagesSupport.inspect(engine, plain, "{{json .RootFS.Layers}}"),
        ImagesSupport.inspect(engine, zipped, "{{json .RootFS.Layers}}"));
    assertEquals("latest", engine.docker("images", "--format", "{{.Tag}}", zipped).outTrim());
  }

  /** The same tar gives the same layer digest and size in Berth and in dockerd. */
  @Test
  void berthAndDockerdAgreeOnLayerDigestAndSize() {
    TestEngine berth = Engines.berth();
    TestEngine dockerd = Engines.dockerd();
    String name = ImagesSupport.unique("same");
    ImagesSupport.importBusybox(berth, name);
    ImagesSupport.importBusybox(dockerd, name);
    String format = "{{json .RootFS.Layers}} {{.Size}}";
    assertEquals(ImagesSupport.inspect(dockerd, name, format), ImagesSupport.inspect(berth, name, format));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void invalidChangeIsRefusedAndStoresNothing(TestEngine engine) {
    String name = ImagesSupport.unique("badchange");
    Cli.Result r = engine.docker("import", "--change", "FOO bar", TestImages.busyboxTar().toString(), name);
    assertFalse(r.ok(), r::toString);
    assertTrue(r.err().contains("foo is not a valid change command"), r::toString);
    assertEquals("", engine.docker("images", "-q", name).outTrim());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void malformedTarIsAnErrorAndLeavesNothingHalfStored(TestEngine engine) throws Exception {
    String name = ImagesSupport.unique("junk");
    String before = ImagesSupport.allIds(engine);
    Cli.Result r = engine.docker("import", ImagesSupport.junk().toString(), name);
    assertFalse(r.ok(), r::toString);
    assertTrue(r.err().contains("Error processing tar file"), r::toString);
    assertEquals(before, ImagesSupport.allIds(engine));
    if (engine.isBerth()) {
      try (var tmp = Files.list(engine.dataRoot().resolve("image/tmp"))) {
        assertEquals(0, tmp.count(), "temp folders left behind");
      }
      try (var overlay = Files.list(engine.dataRoot().resolve("overlay"))) {
        assertTrue(overlay.noneMatch(p -> p.getFileName().toString().startsWith(".tmp-")));
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void invalidRepositoryNameIs400(TestEngine engine) {
    Path tar = TestImages.busyboxTar();
    String answer = ImagesSupport.api(engine, "POST", "/images/create?fromSrc=-&repo=Bad", tar);
    assertTrue(answer.startsWith("400 "), answer);
    assertTrue(answer.contains("invalid reference format"), answer);
    answer = ImagesSupport.api(engine, "POST", "/images/create?fromSrc=-&repo=ok&tag=no:pe", tar);
    assertTrue(answer.startsWith("400 "), answer);
    assertTrue(answer.contains("invalid tag format"), answer);
  }
}
