package dev.berth.engine.containers;

import dev.berth.engine.errors.EngineException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Applies restart policies: decides at each exit whether the container comes back, waits
 * Docker's backoff (100 ms doubling up to a minute, back to 100 ms once a run lasted 10 s),
 * then starts it again. A pending restart is dropped when the user stops, starts or removes
 * the container. Restarts wait until the engine has finished starting up (hooks registered),
 * and at that point containers whose policy says so are started again.
 */
final class RestartSupervisor {

  private static final Logger LOG = Logger.getLogger(RestartSupervisor.class.getName());
  private static final long FIRST_DELAY_MS = 100;
  private static final long MAX_DELAY_MS = 60_000;
  private static final long RESET_AFTER_NANOS = 10_000_000_000L;

  private final ContainerService s;
  private final Map<String, Long> delays = new ConcurrentHashMap<>();
  private final Map<String, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();
  private final CompletableFuture<Void> startupDone = new CompletableFuture<>();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "restart-policy");
            t.setDaemon(true);
            return t;
          });

  RestartSupervisor(ContainerService s) {
    this.s = s;
  }

  /**
   * Lock held, at an exit (finishedNano known). The delay before the container restarts, or -1
   * when its policy lets it stay stopped.
   */
  long delayAfterExit(Container c, int exitCode, long finishedNano) {
    RestartPolicy policy = RestartPolicy.of(c.hostConfig());
    if (!policy.restartsAfterExit(exitCode, c.restartCount(), c.hasBeenManuallyStopped())) {
      delays.remove(c.id());
      return -1;
    }
    long ran = finishedNano - c.startedNano();
    Long previous = ran >= RESET_AFTER_NANOS ? null : delays.get(c.id());
    long delay = previous == null ? FIRST_DELAY_MS : Math.min(previous * 2, MAX_DELAY_MS);
    delays.put(c.id(), delay);
    return delay;
  }

  /** Lock held, status restarting: starts the container after the delay. */
  void schedule(Container c, long delayMs) {
    startupDone.thenRun(
        () -> {
          ScheduledFuture<?> f = timer.schedule(() -> s.background.execute(() -> restart(c)), delayMs, TimeUnit.MILLISECONDS);
          ScheduledFuture<?> old = pending.put(c.id(), f);
          if (old != null) {
            old.cancel(false);
          }
        });
  }

  /** Lock held: the user stopped, started or removed the container. */
  void cancel(Container c) {
    ScheduledFuture<?> f = pending.remove(c.id());
    if (f != null) {
      f.cancel(false);
    }
  }

  /** Lock held: a user start forgets the backoff too. */
  void reset(Container c) {
    cancel(c);
    delays.remove(c.id());
  }

  private void restart(Container c) {
    s.locked(c, () -> {
      pending.remove(c.id());
      // a stop, start or removal may have come first
      if (s.find(c.id()) != c || !c.status().equals(Container.RESTARTING)) {
        return null;
      }
      try {
        ContainerStart.startLocked(s, c);
      } catch (EngineException e) {
        // the start recorded its failure (exited, with the error): no further attempt, as in moby
        LOG.warning("restart of " + c.id() + " failed: " + e.getMessage());
      }
      return null;
    });
  }

  /** Called once, when the engine is ready: pending restarts may run, and policies apply. */
  void startupDone() {
    startupDone.complete(null);
    for (Container c : s.all()) {
      s.background.execute(() -> startAtEngineStart(c));
    }
  }

  private void startAtEngineStart(Container c) {
    try {
      s.locked(c, () -> {
        if (s.find(c.id()) != c || c.startedNano() == 0) {
          return null; // removed meanwhile, or never started: stays created
        }
        if (c.status().equals(Container.RESTARTING) && !pending.containsKey(c.id())) {
          // the engine went down while this restart waited
          ContainerStart.startLocked(s, c);
          return null;
        }
        RestartPolicy policy = RestartPolicy.of(c.hostConfig());
        if (c.status().equals(Container.EXITED)
            && policy.startsWithEngine(c.exitCode(), c.restartCount(), c.hasBeenManuallyStopped())) {
          // as dockerd's restore: a fresh start, with the retries and a manual stop forgotten
          c.resetRestarts();
          ContainerStart.startLocked(s, c);
        }
        return null;
      });
    } catch (RuntimeException e) {
      LOG.warning("start of " + c.id() + " by its restart policy at engine start: " + e.getMessage());
    }
  }
}
