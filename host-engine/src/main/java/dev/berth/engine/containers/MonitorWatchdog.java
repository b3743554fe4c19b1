package dev.berth.engine.containers;

import dev.berth.engine.api.compat.DockerTime;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * A safety net beside the exit-file watch: a running container whose conmon has gone must
 * not stay "Up" forever (waits and `logs -f` would hang). Every few seconds it records such
 * a container's exit from conmon's exit file, or as a monitor failure when there is none.
 * One per {@link ContainerService}.
 */
final class MonitorWatchdog {

  private static final Logger LOG = Logger.getLogger(MonitorWatchdog.class.getName());
  private static final long PERIOD_SECONDS = 2;

  private final ContainerService s;
  /** Containers whose monitor looked gone, with no exit code, on the last sweep. */
  private final Set<String> suspects = ConcurrentHashMap.newKeySet();

  MonitorWatchdog(ContainerService s) {
    this.s = s;
  }

  void start() {
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "monitor-watchdog");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleWithFixedDelay(this::sweep, PERIOD_SECONDS, PERIOD_SECONDS, TimeUnit.SECONDS);
  }

  private void sweep() {
    for (Container c : s.all()) {
      if (!c.isRunning() || c.monitorPid() <= 0 || s.runtime.monitorAlive(c.id(), c.monitorPid())) {
        suspects.remove(c.id());
        continue;
      }
      try {
        s.locked(c, () -> {
          // re-checked under the lock: a stop or the exit watch may have recorded it meanwhile.
          // The monitor is looked at before its exit file: conmon writes that file before it exits
          if (!c.isRunning() || s.runtime.monitorAlive(c.id(), c.monitorPid()) || ContainerExit.record(s, c)) {
            suspects.remove(c.id());
          } else if (suspects.add(c.id())) {
            // as CRI-O learned: a missing exit code is only believed when it stays missing, so a
            // container is declared lost (255) on the next sweep, never on one look
            LOG.fine("conmon of " + c.id() + " not found; checking again on the next sweep");
          } else {
            suspects.remove(c.id());
            LOG.warning("conmon of " + c.id() + " is gone without an exit file");
            ContainerExit.finish(s, c, 255, DockerTime.nowNano(), "container monitor exited unexpectedly", true);
          }
          return null;
        });
      } catch (RuntimeException e) {
        LOG.warning("watchdog on " + c.id() + ": " + e.getMessage());
      }
    }
  }
}
