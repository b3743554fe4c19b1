package dev.berth.engine.containers;

import java.io.IOException;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.logging.Logger;

/** Recording an exit: runtime clean-up, state, die event, waiters, listeners, AutoRemove. */
final class ContainerExit {

  private static final Logger LOG = Logger.getLogger(ContainerExit.class.getName());

  private ContainerExit() {}

  /** Records the exit conmon wrote, if the container has one pending. Lock held. */
  static boolean record(ContainerService s, Container c) {
    if (!c.isRunning()) {
      return false;
    }
    OptionalInt code = s.runtime.exitCode(c.id());
    if (code.isEmpty()) {
      return false;
    }
    finish(s, c, code.getAsInt(), s.runtime.exitTimeNano(c.id()), "", true);
    return true;
  }

  /** Lock held. The state is saved before the exit file goes, so a crash in between replays it. */
  static void finish(ContainerService s, Container c, int code, long finishedNano, String error, boolean autoRemove) {
    boolean oom = OomKills.happened(c); // before runc delete removes the cgroup
    releaseRuntime(s, c);
    c.attachGate().close();
    long finished = finishedNano > 0 ? finishedNano : dev.berth.engine.api.compat.DockerTime.nowNano();
    long restartDelay = s.restarts.delayAfterExit(c, code, finished);
    if (restartDelay >= 0) {
      c.markRestarting(code, finished, error);
    } else {
      c.markExited(code, finished, error);
    }
    if (oom) {
      c.markOomKilled();
    }
    s.save(c);
    s.runtime.clearExit(c.id());
    if (oom) {
      s.publish(c, "oom", Map.of());
    }
    s.publish(c, "die", Map.of("exitCode", Integer.toString(code)));
    s.waiters.exited(c.id(), code);
    s.fireExit(c);
    if (restartDelay >= 0) {
      s.restarts.schedule(c, restartDelay);
    } else if (autoRemove && c.hostConfig().getBoolean("AutoRemove", false)) {
      s.background.execute(() -> ContainerRemove.autoRemove(s, c));
    }
  }

  /**
   * Forgets the runtime's state and unmounts the rootfs; never leaves a mount behind. The two
   * are independent processes (runc delete, umount): they overlap.
   */
  static void releaseRuntime(ContainerService s, Container c) {
    s.hooks.released(c);
    CompletableFuture<Void> delete = CompletableFuture.runAsync(() -> s.runtime.delete(c.id(), true), s.background);
    try {
      Rootfs.unmount(c);
    } catch (IOException e) {
      LOG.warning("unmount of " + c.id() + ": " + e.getMessage());
    }
    try {
      delete.join();
    } catch (CompletionException | CancellationException e) {
      LOG.warning("runc delete " + c.id() + ": " + e.getCause());
    }
  }
}
