package dev.berth.engine.containers;

import dev.berth.engine.errors.EngineException;
import dev.berth.engine.runtime.OciRuntimeException;
import java.util.Map;

/** pause and unpause through runc's cgroup freezer. */
final class ContainerPause {

  private ContainerPause() {}

  static void pause(ContainerService s, Container c) {
    s.locked(c, () -> {
      if (!c.isRunning()) {
        throw EngineException.conflict("Container " + c.id() + " is not running");
      }
      if (c.status().equals(Container.PAUSED)) {
        throw EngineException.conflict("Container " + c.id() + " is already paused");
      }
      try {
        s.runtime.pause(c.id());
      } catch (OciRuntimeException e) {
        throw EngineException.system("Cannot pause container " + c.id() + ": " + e.getMessage(), e);
      }
      c.setStatus(Container.PAUSED);
      s.save(c);
      s.publish(c, "pause", Map.of());
      return null;
    });
  }

  static void unpause(ContainerService s, Container c) {
    s.locked(c, () -> {
      if (!c.status().equals(Container.PAUSED)) {
        throw EngineException.conflict("Container " + c.id() + " is not paused");
      }
      try {
        s.runtime.unpause(c.id());
      } catch (OciRuntimeException e) {
        throw EngineException.system("Cannot unpause container " + c.id() + ": " + e.getMessage(), e);
      }
      c.setStatus(Container.RUNNING);
      s.save(c);
      s.publish(c, "unpause", Map.of());
      return null;
    });
  }
}
