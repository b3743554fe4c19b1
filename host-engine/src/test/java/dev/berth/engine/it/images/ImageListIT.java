package dev.berth.engine.it.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.it.Cli;
import dev.berth.engine.it.TestEngine;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** `docker images` and its filters: reference, dangling, label, before and since. */
class ImageListIT {

  private static List<String> lines(Cli.Result r) {
    assertTrue(r.ok(), r::toString);
    return r.outTrim().isEmpty() ? List.of() : Arrays.stream(r.outTrim().split("\n")).sorted().collect(Collectors.toList());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void filtersByReferenceLabelAndDangling(TestEngine engine) throws Exception {
    String repo = ImagesSupport.unique("list");
    String mark = "it.mark=" + repo;
    ImagesSupport.importBusybox(engine, repo + ":one", "LABEL " + mark, "LABEL tier=a");
    Thread.sleep(1100); // created times one second apart for before/since
    ImagesSupport.importBusybox(engine, repo + "/sub:two", "LABEL " + mark, "LABEL tier=b");
    Thread.sleep(1100);
    String dangling = ImagesSupport.importBusybox(engine, null, "LABEL " + mark, "LABEL tier=c");

    String fmt = "{{.Repository}}:{{.Tag}}";
    // "*" does not cross "/", as in Go's path.Match
    assertEquals(List.of(repo + ":one"), lines(engine.docker("images", "--format", fmt, "--filter", "reference=" + repo + "*")));
    assertEquals(List.of(repo + ":one"), lines(engine.docker("images", "--format", fmt, "--filter", "reference=" + repo + ":one")));
    assertEquals(List.of(repo + "/sub:two"), lines(engine.docker("images", "--format", fmt, "--filter", "reference=" + repo + "/*")));
    assertEquals(List.of(repo + "/sub:two"), lines(engine.docker("images", "--format", fmt, "--filter", "label=" + mark, "--filter", "label=tier=b")));
    assertEquals(List.of("<none>:<none>", repo + "/sub:two", repo + ":one"), lines(engine.docker("images", "--format", fmt, "--filter", "label=" + mark)));
    assertEquals(List.of(dangling), lines(engine.docker("images", "--no-trunc", "-q", "--filter", "dangling=true", "--filter", "label=" + mark)));
    assertEquals(List.of(repo + "/sub:two", repo + ":one"), lines(engine.docker("images", "--format", fmt, "--filter", "dangling=false", "--filter", "label=" + mark)));
    assertEquals(List.of(repo + ":one"), lines(engine.docker("images", "--format", fmt, "--filter", "label=" + mark, "--filter", "before=" + repo + "/sub:two")));
    assertEquals(List.of("<none>:<none>"), lines(engine.docker("images", "--format", fmt, "--filter", "label=" + mark, "--filter", "since=" + repo + "/sub:two")));
    // a bare repository argument lists that repository's tags
    assertEquals(List.of(repo + ":one"), lines(engine.docker("images", "--format", fmt, repo)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void unknownFilterIsRefused(TestEngine engine) {
    Cli.Result r = engine.docker("images", "--filter", "color=blue");
    assertFalse(r.ok(), r::toString);
    // dockerd 20.10 capitalises "Invalid", later versions do not
    assertTrue(r.err().toLowerCase().contains("invalid filter 'color'"), r::toString);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void infoCountsImages(TestEngine engine) {
    int before = Integer.parseInt(engine.docker("info", "--format", "{{.Images}}").outTrim());
    ImagesSupport.importBusybox(engine, ImagesSupport.unique("count"), "LABEL n=" + ImagesSupport.unique("n"));
    int after = Integer.parseInt(engine.docker("info", "--format", "{{.Images}}").outTrim());
    assertEquals(before + 1, after);
  }
}
