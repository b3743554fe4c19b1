package dev.berth.engine.containers;

import dev.berth.engine.errors.EngineException;
import dev.berth.engine.runtime.OciRuntimeException;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** stop (StopSignal, grace period, SIGKILL), kill and restart. */
final class ContainerStop {

  static final int DEFAULT_TIMEOUT = 10;

  private ContainerStop() {}

  /** @param timeout seconds before SIGKILL; null for the container's StopTimeout or 10; -1 waits forever */
  static void stop(ContainerService s, Container c, Integer timeout) {
    s.locked(c, () -> {
      if (c.status().equals(Container.RESTARTING)) {
        cancelRestart(s, c);
        return null;
      }
      if (!c.isRunning()) {
        throw EngineException.notModified();
      }
      stopLocked(s, c, timeout);
      return null;
    });
  }

  /** Lock held: a stop or kill while a restart waits ends the waiting, and the policy with it. */
  private static void cancelRestart(ContainerService s, Container c) {
    s.restarts.cancel(c);
    c.setManuallyStopped(true);
    c.setStatus(Container.EXITED);
    s.save(c);
    s.publish(c, "stop", Map.of());
  }

  /** Lock held, container running. */
  static void stopLocked(ContainerService s, Container c, Integer timeout) {
    int t = timeout != null ? timeout : c.config().getInteger("StopTimeout", DEFAULT_TIMEOUT);
    String stopSignal = c.config().getString("StopSignal", "");
    int signal = stopSignal == null || stopSignal.isEmpty() ? Signals.SIGTERM : Signals.parse(stopSignal);
    c.setManuallyStopped(true);
    if (!signalAndWait(s, c, signal, t)) {
      signalAndWait(s, c, Signals.SIGKILL, -1);
    }
    s.publish(c, "stop", Map.of());
  }

  static void kill(ContainerService s, Container c, String signalParam, String ref) {
    int signal = signalParam == null || signalParam.isEmpty() ? Signals.SIGKILL : Signals.parse(signalParam);
    s.locked(c, () -> {
      if (c.status().equals(Container.RESTARTING)) {
        cancelRestart(s, c);
        return null;
      }
      if (!c.isRunning()) {
        throw EngineException.conflict("Cannot kill container: " + ref + ": Container " + c.id() + " is not running");
      }
      c.setManuallyStopped(true);
      s.save(c);
      if (signal == Signals.SIGKILL) {
        // dockerd's kill with SIGKILL returns once the container is gone
        signalAndWait(s, c, signal, DEFAULT_TIMEOUT);
      } else {
        sendSignal(s, c, signal, false);
      }
      return null;
    });
  }

  static void restart(ContainerService s, Container c, Integer timeout) {
    s.locked(c, () -> {
      if (c.isRunning()) {
        stopLocked(s, c, timeout);
      }
      ContainerStart.resetRestarts(s, c);
      ContainerStart.startLocked(s, c);
      s.publish(c, "restart", Map.of());
      return null;
    });
  }

  /** Sends the signal and waits up to {@code seconds} (-1: forever); true when it exited. */
  static boolean signalAndWait(ContainerService s, Container c, int signal, int seconds) {
    if (!c.isRunning()) {
      return true;
    }
    // a frozen process cannot act on the signal: stop and remove thaw it, as dockerd does
    sendSignal(s, c, signal, true);
    long deadline = seconds < 0 ? Long.MAX_VALUE : System.nanoTime() + seconds * 1_000_000_000L;
    while (c.isRunning()) {
      try {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return ContainerExit.record(s, c);
        }
        c.exitSignal().get(Math.min(left, 1_000_000_000L), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        // check the exit file below, in case an inotify event was lost; and if conmon itself
        // is gone, no exit file will ever come. The monitor is looked at first: conmon writes
        // the file and then exits, so the other order could miss a file written in between
        if (!s.runtime.monitorAlive(c.id(), c.monitorPid()) && !ContainerExit.record(s, c)) {
          ContainerExit.finish(s, c, 255, 0, "container monitor exited unexpectedly", true);
          return true;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      } catch (ExecutionException e) {
        return false; // never completed exceptionally
      }
      if (!ContainerExit.record(s, c) && c.exitSignal().isDone()) {
        sleepBriefly(); // signalled but not yet readable: never spin
      }
    }
    return true;
  }

  private static void sleepBriefly() {
    try {
      Thread.sleep(10);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sendSignal(ContainerService s, Container c, int signal, boolean thaw) {
    try {
      s.runtime.kill(c.id(), signal, false);
      if (thaw && c.status().equals(Container.PAUSED)) {
        s.runtime.unpause(c.id());
        c.setStatus(Container.RUNNING);
      }
    } catch (OciRuntimeException e) {
      if (ContainerExit.record(s, c)) {
        return; // it exited meanwhile
      }
      throw EngineException.system("Cannot kill container " + c.id() + ": " + e.getMessage(), e);
    }
    s.publish(c, "kill", Map.of("signal", Integer.toString(signal)));
  }
}
