package dev.berth.engine.it.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.it.Cli;
import dev.berth.engine.it.TestEngine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** tag, history and rmi with dockerd's untag-then-delete rules. */
class ImageTagRemoveIT {

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void tagThenRemoveUntagsFirstAndDeletesWithTheLastReference(TestEngine engine) {
    String repo = ImagesSupport.unique("tag");
    String id = ImagesSupport.importBusybox(engine, repo + ":a", "LABEL uniq=" + repo);
    Cli.Result tag = engine.docker("tag", repo + ":a", "localhost:5000/" + repo + "/deep:b");
    assertTrue(tag.ok(), tag::toString);
    assertEquals(id, ImagesSupport.inspect(engine, "localhost:5000/" + repo + "/deep:b", "{{.Id}}"));
    assertEquals("[\"" + repo + ":a\",\"localhost:5000/" + repo + "/deep:b\"]", ImagesSupport.inspect(engine, id, "{{json .RepoTags}}"));

    Cli.Result first = engine.docker("rmi", "localhost:5000/" + repo + "/deep:b");
    assertTrue(first.ok(), first::toString);
    assertEquals("Untagged: localhost:5000/" + repo + "/deep:b", first.outTrim());
    assertTrue(engine.docker("image", "inspect", id).ok());

    Cli.Result last = engine.docker("rmi", repo + ":a");
    assertTrue(last.ok(), last::toString);
    assertTrue(last.out().startsWith("Untagged: " + repo + ":a\nDeleted: " + id + "\n"), last::toString);
    assertFalse(engine.docker("image", "inspect", id).ok());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void removingByIdWithSeveralRepositoriesNeedsForce(TestEngine engine) {
    String repo = ImagesSupport.unique("multi");
    String id = ImagesSupport.importBusybox(engine, repo + "-x:1", "LABEL uniq=" + repo);
    assertTrue(engine.docker("tag", repo + "-x:1", repo + "-y:2").ok());
    String shortId = id.substring(7, 19);
    Cli.Result refused = engine.docker("rmi", shortId);
    assertFalse(refused.ok(), refused::toString);
    assertTrue(refused.err().contains("conflict: unable to delete " + shortId + " (must be forced) - image is referenced in multiple repositories"), refused::toString);
    assertEquals(id, ImagesSupport.inspect(engine, repo + "-x:1", "{{.Id}}"));

    Cli.Result forced = engine.docker("rmi", "-f", shortId);
    assertTrue(forced.ok(), forced::toString);
    assertTrue(forced.out().contains("Untagged: " + repo + "-x:1\n"), forced::toString);
    assertTrue(forced.out().contains("Untagged: " + repo + "-y:2\n"), forced::toString);
    assertTrue(forced.out().contains("Deleted: " + id + "\n"), forced::toString);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void historyShowsTheImportWithItsComment(TestEngine engine) {
    String repo = ImagesSupport.unique("hist");
    Cli.Result imp = engine.docker("import", "-m", "made for history", dev.berth.engine.it.TestImages.busyboxTar().toString(), repo);
    assertTrue(imp.ok(), imp::toString);
    Cli.Result h = engine.docker("history", "--no-trunc", "--format", "{{.ID}}|{{.Comment}}|{{.CreatedBy}}", repo);
    assertTrue(h.ok(), h::toString);
    assertEquals(imp.outTrim() + "|made for history|", h.outTrim());
    Cli.Result size = engine.docker("history", "--human=false", "--format", "{{.Size}}", repo);
    assertEquals(ImagesSupport.inspect(engine, repo, "{{.Size}}"), size.outTrim());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void unknownImagesAre404WithDockersMessage(TestEngine engine) {
    String missing = ImagesSupport.unique("missing");
    for (String[] cmd : new String[][] {
        {"image", "inspect", missing}, {"history", missing}, {"rmi", missing}, {"tag", missing, missing + "-b"}, {"save", "-o", ImagesSupport.tempFile(".tar").toString(), missing}}) {
      Cli.Result r = engine.docker(cmd);
      assertFalse(r.ok(), r::toString);
      assertTrue(r.err().toLowerCase().contains("no such image: " + missing), r::toString);
    }
    String answer = ImagesSupport.api(engine, "GET", "/images/" + missing + "/json", null);
    assertTrue(answer.startsWith("404 "), answer);
    answer = ImagesSupport.api(engine, "POST", "/images/" + missing + "/tag?repo=x", null);
    assertTrue(answer.startsWith("404 "), answer);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void badTagNamesAre400AndChangeNothing(TestEngine engine) {
    String repo = ImagesSupport.unique("badtag");
    String id = ImagesSupport.importBusybox(engine, repo);
    String answer = ImagesSupport.api(engine, "POST", "/images/" + repo + "/tag?repo=UPPER", null);
    // dockerd 20.10 answers 500 here; Berth answers 400, as later dockerd versions do
    assertTrue(answer.startsWith(engine.isBerth() ? "400 " : "500 "), answer);
    assertTrue(answer.contains("invalid reference format"), answer);
    answer = ImagesSupport.api(engine, "POST", "/images/" + repo + "/tag?repo=ok&tag=bad:tag", null);
    assertTrue(answer.startsWith(engine.isBerth() ? "400 " : "500 "), answer);
    assertTrue(answer.contains("invalid tag format"), answer);
    assertEquals("[\"" + repo + ":latest\"]", ImagesSupport.inspect(engine, id, "{{json .RepoTags}}"));
  }
}
