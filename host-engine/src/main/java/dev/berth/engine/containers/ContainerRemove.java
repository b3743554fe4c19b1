package dev.berth.engine.containers;

import dev.berth.engine.errors.EngineException;
import java.io.IOException;
import java.util.Map;
import java.util.logging.Logger;

/** DELETE /containers/{id} and AutoRemove. */
final class ContainerRemove {

  private static final Logger LOG = Logger.getLogger(ContainerRemove.class.getName());

  private ContainerRemove() {}

  static void remove(ContainerService s, Container c, boolean force) {
    s.locked(c, () -> {
      if (s.find(c.id()) != c) {
        throw EngineException.noSuchContainer(c.id());
      }
      if (c.status().equals(Container.REMOVING)) {
        throw EngineException.conflict("removal of container " + c.id() + " is already in progress");
      }
      if (c.isRunning() || c.status().equals(Container.RESTARTING)) {
        if (!force) {
          String state = c.status().equals(Container.PAUSED) ? "paused" : c.isRunning() ? "running" : "restarting";
          throw EngineException.conflict(
              "cannot remove container \"/" + c.name() + "\": container is " + state
                  + ": stop the container before removing or force remove");
        }
        c.setManuallyStopped(true); // no restart policy brings it back while it goes
        if (!ContainerStop.signalAndWait(s, c, Signals.SIGKILL, ContainerStop.DEFAULT_TIMEOUT)) {
          throw EngineException.system("Could not kill running container " + c.id() + ", cannot remove", null);
        }
      }
      removeLocked(s, c);
      return null;
    });
  }

  /** Lock held, container stopped. The "removing" state makes a crash here finish at restart. */
  static void removeLocked(ContainerService s, Container c) {
    s.restarts.reset(c);
    c.setStatus(Container.REMOVING);
    s.save(c);
    ContainerExit.releaseRuntime(s, c);
    s.runtime.clearExit(c.id());
    s.hooks.removed(c);
    try {
      s.store.delete(c);
    } catch (IOException e) {
      c.setStatus(Container.DEAD);
      s.save(c);
      throw EngineException.system("unable to remove filesystem for " + c.id() + ": " + e.getMessage(), e);
    }
    s.unregister(c);
    s.publish(c, "destroy", Map.of());
    s.waiters.removed(c.id(), c.exitCode());
  }

  /** AutoRemove after an exit or a failed start; a concurrent removal by the user wins. */
  static void autoRemove(ContainerService s, Container c) {
    try {
      s.locked(c, () -> {
        if (s.find(c.id()) == c && !c.isRunning() && !c.status().equals(Container.REMOVING)) {
          removeLocked(s, c);
        }
        return null;
      });
    } catch (RuntimeException e) {
      LOG.warning("auto-remove of " + c.id() + ": " + e.getMessage());
    }
  }
}
