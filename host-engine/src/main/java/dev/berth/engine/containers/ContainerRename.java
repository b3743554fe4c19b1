package dev.berth.engine.containers;

import dev.berth.engine.errors.EngineException;
import java.util.Map;

/** POST /containers/{id}/rename. */
final class ContainerRename {

  private ContainerRename() {}

  static void rename(ContainerService s, Container c, String newName) {
    if (newName == null || newName.isEmpty()) {
      throw EngineException.invalidParameter("Neither old nor new names may be empty");
    }
    String name = newName.startsWith("/") ? newName.substring(1) : newName;
    s.locked(c, () -> {
      String old = c.name();
      if (old.equals(name)) {
        throw EngineException.invalidParameter("Renaming a container with the same name as its current name");
      }
      try {
        Names.validate("/" + name);
        s.reserveName(name, c.id());
      } catch (EngineException e) {
        // dockerd words both failures of its name reservation this way
        throw new EngineException(e.kind(), "Error when allocating new name: " + e.getMessage());
      }
      c.rename(name);
      try {
        s.save(c);
      } catch (RuntimeException e) {
        c.rename(old);
        s.releaseName(name, c.id());
        throw e;
      }
      s.releaseName(old, c.id());
      s.hooks.renamed(c, old);
      s.publish(c, "rename", Map.of("oldName", "/" + old));
      return null;
    });
  }
}
