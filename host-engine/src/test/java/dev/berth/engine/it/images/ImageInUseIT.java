package dev.berth.engine.it.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.it.Cli;
import dev.berth.engine.it.TestEngine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** rmi answers 409 while containers use the image, as dockerd does, and -f keeps their layers. */
class ImageInUseIT {

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void removingAnImageInUseIsAConflict(TestEngine engine) {
    String name = ImagesSupport.unique("inuse");
    String id = ImagesSupport.importBusybox(engine, name, "CMD [\"sleep\", \"60\"]");
    String image = id.substring(7, 19);
    Cli.Result create = engine.docker("create", name);
    assertTrue(create.ok(), create::toString);
    String container = create.outTrim();
    String shortContainer = container.substring(0, 12);
    try {
      Cli.Result byName = engine.docker("rmi", name);
      assertFalse(byName.ok(), byName::toString);
      assertTrue(byName.err().contains("conflict: unable to remove repository reference \"" + name
          + "\" (must force) - container " + shortContainer + " is using its referenced image " + image), byName::toString);

      Cli.Result byId = engine.docker("rmi", image);
      assertFalse(byId.ok(), byId::toString);
      assertTrue(byId.err().contains("conflict: unable to delete " + image
          + " (must be forced) - image is being used by stopped container " + shortContainer), byId::toString);

      Cli.Result start = engine.docker("start", container);
      assertTrue(start.ok(), start::toString);
      Cli.Result running = engine.docker("rmi", "-f", image);
      assertFalse(running.ok(), running::toString);
      assertTrue(running.err().contains("conflict: unable to delete " + image
          + " (cannot be forced) - image is being used by running container " + shortContainer), running::toString);
      assertEquals(id, ImagesSupport.inspect(engine, name, "{{.Id}}"));
    } finally {
      engine.docker("rm", "-f", container);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void forcedRemovalKeepsTheLayersOfAStoppedContainer(TestEngine engine) {
    String name = ImagesSupport.unique("forced");
    String id = ImagesSupport.importBusybox(engine, name, "CMD [\"echo\", \"still here\"]");
    Cli.Result create = engine.docker("create", name);
    assertTrue(create.ok(), create::toString);
    String container = create.outTrim();
    try {
      Cli.Result rmi = engine.docker("rmi", "-f", name);
      assertTrue(rmi.ok(), rmi::toString);
      assertTrue(rmi.out().contains("Untagged: " + name + ":latest"), rmi::toString);
      assertTrue(rmi.out().contains("Deleted: " + id), rmi::toString);
      assertFalse(engine.docker("image", "inspect", id).ok());

      Cli.Result start = engine.docker("start", "-a", container);
      assertTrue(start.ok(), start::toString);
      assertEquals("still here", start.outTrim());
    } finally {
      engine.docker("rm", "-f", container);
    }
  }
}
