package dev.berth.engine.exec;

import dev.berth.engine.streams.StreamTarget;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An exec process seen as an attach target, so that exec start streams through the same
 * {@link dev.berth.engine.streams.AttachSession} as container attach.
 */
final class ExecStreamTarget implements StreamTarget {

  private final ExecInstance exec;
  private final ConmonExec process;
  private final Map<String, String> attributes;
  private final CountDownLatch registered = new CountDownLatch(1);
  private volatile Runnable ready = () -> {};

  ExecStreamTarget(ExecInstance exec, ConmonExec process, Map<String, String> attributes) {
    this.exec = exec;
    this.process = process;
    this.attributes = attributes;
  }

  @Override
  public String id() {
    return exec.id();
  }

  @Override
  public String name() {
    return exec.id();
  }

  @Override
  public Map<String, String> eventAttributes() {
    return attributes;
  }

  @Override
  public boolean tty() {
    return exec.config().tty;
  }

  @Override
  public boolean openStdin() {
    return exec.config().attachStdin;
  }

  /** An exec's stdin closes when the client's ends, as in moby. */
  @Override
  public boolean stdinOnce() {
    return true;
  }

  @Override
  public Status status() {
    return exec.hasRun() ? Status.EXITED : Status.RUNNING;
  }

  @Override
  public Path attachSocket() {
    return process.attachSocket();
  }

  @Override
  public Path ctlFifo() {
    return process.ctlFifo();
  }

  @Override
  public Path logPath() {
    throw new UnsupportedOperationException("exec output is not logged");
  }

  /** The launcher calls {@link #attachNow} between conmon's attach report and the start byte. */
  @Override
  public Runnable whenAttachable(Runnable ready) {
    this.ready = ready;
    registered.countDown();
    return () -> {};
  }

  /** Connects the session (which registers from another thread) before the process may run. */
  void attachNow() {
    try {
      registered.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    ready.run();
  }

  @Override
  public boolean exited() {
    return exec.hasRun();
  }

  @Override
  public void afterOutput(Runnable finish) {
    try {
      exec.exited().get(10, TimeUnit.SECONDS);
    } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
      // end the stream anyway; inspect then shows the exec still running
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    finish.run();
  }
}
