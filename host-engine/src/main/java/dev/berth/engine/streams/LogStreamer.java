package dev.berth.engine.streams;

import dev.berth.engine.api.compat.DockerTime;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Streams a container's log to a client: the history (tail, since, until), then with follow
 * the new lines as conmon appends them, until the container has exited and the file is
 * drained, until {@code until} passes, or until the client goes away. File reads run on the
 * streams scheduler, never on an event loop.
 */
public final class LogStreamer {

  private static final Logger LOG = Logger.getLogger(LogStreamer.class.getName());
  private static final long POLL_MS = 100;

  private final ScheduledExecutorService scheduler;
  private final K8sFileLog log;
  private final LogOptions options;
  private final boolean tty;
  private final Sink sink;
  private final BooleanSupplier exited;
  private final Runnable done;
  private final boolean endSink;
  private ScheduledFuture<?> poller;
  private boolean finished;

  /**
   * @param exited true once the container's process has exited and conmon wrote its last line
   * @param done runs once when the stream ends, whatever the reason
   * @param endSink whether to end the sink at the end (attach goes on streaming after logs=1)
   */
  public LogStreamer(
      ScheduledExecutorService scheduler,
      Path logFile,
      LogOptions options,
      boolean tty,
      Sink sink,
      BooleanSupplier exited,
      Runnable done,
      boolean endSink) {
    this.scheduler = scheduler;
    this.log = new K8sFileLog(logFile);
    this.options = options;
    this.tty = tty;
    this.sink = sink;
    this.exited = exited;
    this.done = done;
    this.endSink = endSink;
  }

  public void start() {
    scheduler.execute(this::history);
  }

  private void history() {
    try {
      Deque<LogLine> tail = options.tail() >= 0 ? new ArrayDeque<>() : null;
      List<LogLine> batch;
      do {
        batch = log.read();
        if (!options.follow()) {
          // dockerd shows an unfinished last line when not following
          if (log.atEnd()) {
            batch = new ArrayList<>(batch);
            batch.addAll(log.flushPartial());
          }
        }
        for (LogLine line : batch) {
          if (tail != null) {
            if (options.tail() == 0) {
              continue;
            }
            tail.addLast(line);
            if (tail.size() > options.tail()) {
              tail.removeFirst();
            }
          } else {
            emit(line);
          }
        }
      } while (!log.atEnd() && !sink.isClosed());
      if (tail != null) {
        tail.forEach(this::emit);
      }
      if (!options.follow() || sink.isClosed() || pastUntil()) {
        finish();
        return;
      }
      poller = scheduler.scheduleWithFixedDelay(this::follow, POLL_MS, POLL_MS, TimeUnit.MILLISECONDS);
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "log stream failed", e);
      finish();
    }
  }

  private void follow() {
    try {
      if (sink.isClosed() || pastUntil()) {
        finish();
        return;
      }
      if (sink.writeQueueFull()) {
        return;
      }
      // read the exit state first: lines written before the exit are then surely in the file
      boolean gone = exited.getAsBoolean();
      log.read().forEach(this::emit);
      if (gone && log.atEnd()) {
        log.flushPartial().forEach(this::emit);
        finish();
      }
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "log follow failed", e);
      finish();
    }
  }

  private boolean pastUntil() {
    return options.untilNano() > 0 && DockerTime.nowNano() > options.untilNano();
  }

  private void emit(LogLine line) {
    if (options.wants(line)) {
      byte[] payload = line.payload(options.timestamps());
      sink.write(StdFrames.encode(tty, line.stream(), payload, 0, payload.length));
    }
  }

  private synchronized void finish() {
    if (finished) {
      return;
    }
    finished = true;
    if (poller != null) {
      poller.cancel(false);
    }
    if (endSink && !sink.isClosed()) {
      sink.end();
    }
    done.run();
  }
}
