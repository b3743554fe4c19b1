package dev.berth.engine.containers;

import dev.berth.engine.api.compat.DockerTime;
import dev.berth.engine.runtime.OciRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.logging.Logger;

/**
 * At engine start, makes the recorded state agree with the truth on the host: containers whose
 * conmon still runs are re-adopted, exits that happened while the engine was down are recorded
 * from conmon's exit files, and debris of interrupted operations is cleaned up.
 */
final class ContainerReconcile {

  private static final Logger LOG = Logger.getLogger(ContainerReconcile.class.getName());

  private final ContainerService s;

  ContainerReconcile(ContainerService s) {
    this.s = s;
  }

  void run() throws IOException {
    List<Path> debris = new ArrayList<>();
    List<Container> loaded = s.store.loadAll(debris);
    for (Path dir : debris) {
      LOG.info("removing debris of an interrupted create or removal: " + dir);
      unmountQuietly(dir.resolve("rootfs"));
      ContainerStore.deleteTree(dir);
    }
    for (Path bundle : s.store.orphanBundles(loaded)) {
      ContainerStore.deleteTree(bundle);
    }
    for (Container c : loaded) {
      s.register(c);
      s.reserveName(c.name(), c.id());
    }
    for (Container c : loaded) {
      try {
        s.locked(c, () -> {
          reconcile(c);
          return null;
        });
      } catch (RuntimeException e) {
        LOG.warning("reconcile of " + c.id() + ": " + e.getMessage());
      }
    }
  }

  private void reconcile(Container c) {
    if (c.status().equals(Container.REMOVING)) {
      ContainerRemove.removeLocked(s, c);
      return;
    }
    OciRuntime.State state = s.runtime.state(c.id());
    boolean live = state != null && (state.status().equals("running") || state.status().equals("paused"));
    int monitorPid = c.monitorPid() > 0 ? c.monitorPid() : readPid(c.bundleDir().resolve("conmon.pid"));
    // the monitor before its exit file: conmon writes the file, then exits
    boolean monitorAlive = s.runtime.monitorAlive(c.id(), monitorPid);
    OptionalInt exit = s.runtime.exitCode(c.id());
    if (live && monitorAlive && exit.isEmpty()) {
      if (!c.isRunning()) {
        // the engine died between `runc start` and saving the new state
        c.markStarted(state.pid(), monitorPid, DockerTime.nowNano());
      }
      c.setStatus(state.status().equals("paused") ? Container.PAUSED : Container.RUNNING);
      c.armExitSignal();
      c.attachGate().open();
      s.save(c);
      return;
    }
    if (c.isRunning()) {
      if (exit.isPresent()) {
        ContainerExit.finish(s, c, exit.getAsInt(), s.runtime.exitTimeNano(c.id()), "", true);
      } else {
        // neither a monitor nor an exit file: conmon itself was killed
        ContainerExit.finish(s, c, 255, DockerTime.nowNano(), "container monitor exited unexpectedly", true);
      }
      return;
    }
    // created or exited: nothing may run, nothing may stay mounted
    ContainerExit.releaseRuntime(s, c);
    s.runtime.clearExit(c.id());
  }

  private static int readPid(Path file) {
    try {
      return Integer.parseInt(Files.readString(file).strip());
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
  }

  private static void unmountQuietly(Path target) {
    try {
      while (Rootfs.isMounted(target)) {
        if (!dev.berth.engine.runtime.Commands.run(List.of("umount", "-l", target.toString())).ok()) {
          return;
        }
      }
    } catch (IOException e) {
      LOG.warning("unmount " + target + ": " + e.getMessage());
    }
  }
}
