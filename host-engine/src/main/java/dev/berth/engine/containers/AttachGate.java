package dev.berth.engine.containers;

import java.util.ArrayList;
import java.util.List;

/**
 * Attach actions waiting for a container's next start. The start opens the gate after conmon
 * created the attach socket and before the process runs, runs the waiting actions on its own
 * thread, and only then lets the process go; so no output is lost. The exit closes it.
 */
final class AttachGate {

  private boolean open;
  private final List<Runnable> pending = new ArrayList<>();

  /** Runs {@code ready} now when open, else at the next open. Returns a cancel handle. */
  Runnable register(Runnable ready) {
    synchronized (this) {
      if (!open) {
        pending.add(ready);
        return () -> {
          synchronized (this) {
            pending.remove(ready);
          }
        };
      }
    }
    ready.run();
    return () -> {};
  }

  void open() {
    List<Runnable> run;
    synchronized (this) {
      open = true;
      run = new ArrayList<>(pending);
      pending.clear();
    }
    run.forEach(Runnable::run);
  }

  synchronized void close() {
    open = false;
  }
}
