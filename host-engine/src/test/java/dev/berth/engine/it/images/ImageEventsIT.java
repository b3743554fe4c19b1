package dev.berth.engine.it.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.it.Cli;
import dev.berth.engine.it.TestEngine;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Image events (import, tag, untag, delete, load) as dockerd reports them. */
class ImageEventsIT {

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void imageOperationsAreReportedInOrder(TestEngine engine) throws Exception {
    String repo = ImagesSupport.unique("ev");
    long since = System.currentTimeMillis() / 1000 - 1;
    String id = ImagesSupport.importBusybox(engine, repo, "LABEL it.ev=" + repo);
    assertTrue(engine.docker("tag", repo, repo + ":second").ok());
    Path archive = ImagesSupport.tempFile(".tar");
    assertTrue(engine.docker("save", "-o", archive.toString(), repo + ":second").ok());
    assertTrue(engine.docker("rmi", repo + ":second").ok());
    assertTrue(engine.docker("rmi", repo).ok());
    assertTrue(engine.docker("load", "-i", archive.toString()).ok());
    Thread.sleep(1100);
    long until = System.currentTimeMillis() / 1000;

    Cli.Result events = engine.docker("events", "--since", Long.toString(since), "--until", Long.toString(until),
        "--filter", "type=image", "--filter", "label=it.ev=" + repo,
        "--format", "{{.Action}} {{.Actor.ID}} {{index .Actor.Attributes \"name\"}}");
    assertTrue(events.ok(), events::toString);
    List<String> lines = Arrays.stream(events.outTrim().split("\n")).collect(Collectors.toList());
    assertEquals(
        List.of(
            "tag " + id + " " + repo,
            "import " + id + " " + id,
            "tag " + id + " " + repo + ":second",
            "save " + id + " " + id,
            "untag " + id + " " + id,
            "untag " + id + " " + id,
            // the delete event carries no labels (the image is gone), so the label filter hides it
            "load " + id + " " + id),
        lines);
    Cli.Result deletes = engine.docker("events", "--since", Long.toString(since), "--until", Long.toString(until),
        "--filter", "type=image", "--filter", "event=delete", "--filter", "image=" + id, "--format", "{{.Action}} {{.Actor.ID}}");
    assertEquals("delete " + id, deletes.outTrim(), deletes::toString);
  }
}
