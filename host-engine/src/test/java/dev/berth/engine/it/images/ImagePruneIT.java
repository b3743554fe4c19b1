package dev.berth.engine.it.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.it.Cli;
import dev.berth.engine.it.TestEngine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** `docker image prune`: dangling images only, or all unused ones with -a; label filters. */
class ImagePruneIT {

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void pruneRemovesDanglingThenWithAllTheTaggedToo(TestEngine engine) {
    String repo = ImagesSupport.unique("prune");
    // labels keep the prune to this test's own images on the shared engine
    String label = "it.prune=" + repo;
    String dangling = ImagesSupport.importBusybox(engine, null, "LABEL " + label, "CMD [\"d\"]");
    String tagged = ImagesSupport.importBusybox(engine, repo, "LABEL " + label, "CMD [\"t\"]");

    Cli.Result first = engine.docker("image", "prune", "-f", "--filter", "label=" + label);
    assertTrue(first.ok(), first::toString);
    assertTrue(first.out().toLowerCase().contains("deleted: " + dangling), first::toString);
    assertFalse(first.out().contains(tagged), first::toString);
    assertTrue(first.out().contains("Total reclaimed space:"), first::toString);
    assertFalse(engine.docker("image", "inspect", dangling).ok());
    assertTrue(engine.docker("image", "inspect", tagged).ok());

    Cli.Result other = engine.docker("image", "prune", "-a", "-f", "--filter", "label=" + label + "-other");
    assertTrue(other.ok(), other::toString);
    assertTrue(engine.docker("image", "inspect", tagged).ok());

    Cli.Result all = engine.docker("image", "prune", "-a", "-f", "--filter", "label=" + label);
    assertTrue(all.ok(), all::toString);
    assertTrue(all.out().toLowerCase().contains("untagged: " + repo + ":latest"), all::toString);
    assertTrue(all.out().toLowerCase().contains("deleted: " + tagged), all::toString);
    assertFalse(engine.docker("image", "inspect", tagged).ok());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void pruneWithUnknownFilterIsRefused(TestEngine engine) {
    Cli.Result r = engine.docker("image", "prune", "-f", "--filter", "reference=x");
    assertFalse(r.ok(), r::toString);
    assertTrue(r.err().toLowerCase().contains("invalid filter 'reference'"), r::toString);
    assertEquals("", r.out().strip());
  }
}
