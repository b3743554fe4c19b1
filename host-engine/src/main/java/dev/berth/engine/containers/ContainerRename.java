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
    String name = Names.validate(newName);
    s.locked(c, () -> {
      String old = c.name();
      if (old.equals(name)) {
        throw EngineException.invalidParameter("Renaming a container with the same name as its current name");
      }
      s.reserveName(name, c.id());
      c.rename(name);
      try {
        s.save(c);
      } catch (RuntimeException e) {
        c.rename(old);
        s.releaseName(name, c.id());
        throw e;
      }
      s.releaseName(old, c.id());
      s.publish(c, "rename", Map.of("oldName", "/" + old));
      return null;
    });
  }
}
