package dev.berth.engine.streams;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads for stream work that may block (attach-socket writes, FIFO opens, log files), kept
 * off the event loops. Daemon threads: they never hold the engine up at shutdown.
 */
public final class StreamPools {

  private final ExecutorService blocking = Executors.newCachedThreadPool(named("stream-io"));
  private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, named("stream-logs"));

  public ExecutorService blocking() {
    return blocking;
  }

  public ScheduledExecutorService scheduler() {
    return scheduler;
  }

  private static ThreadFactory named(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
