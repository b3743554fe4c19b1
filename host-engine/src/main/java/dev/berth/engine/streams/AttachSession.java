package dev.berth.engine.streams;

import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One attached client, bound to conmon's attach socket: output to the client (framed without a
 * TTY), client input to the container's stdin, and Docker's rules for the end. When the
 * client's stdin ends, a StdinOnce container without TTY gets its stdin closed and the output
 * goes on; otherwise the session ends, as in moby's CopyStreams. Detach keys apply with a TTY;
 * {@code onDetach} then publishes the event.
 */
public final class AttachSession {

  private static final Logger LOG = Logger.getLogger(AttachSession.class.getName());

  private final StreamTarget container;
  private final ClientConnection client;
  private final boolean useStdin;
  private final boolean stdout;
  private final boolean stderr;
  private final DetachKeys detachKeys;
  private final Runnable onDetach;
  private final SerialExecutor io;
  private final Executor pool;
  private ConmonAttachSocket socket;
  private Runnable cancelWait = () -> {};
  private volatile boolean ended;

  public AttachSession(
      StreamTarget container,
      ClientConnection client,
      boolean stdin,
      boolean stdout,
      boolean stderr,
      DetachKeys detachKeys,
      Runnable onDetach,
      Executor pool) {
    this.container = container;
    this.client = client;
    this.useStdin = stdin && container.openStdin();
    this.stdout = stdout;
    this.stderr = stderr;
    this.detachKeys = detachKeys;
    this.onDetach = onDetach;
    this.io = new SerialExecutor(pool);
    this.pool = pool;
  }

  /** Starts streaming; stdin that arrives before the container runs is queued in order. */
  public void start() {
    client.closeHandler(this::end);
    if (useStdin) {
      client.inputHandler(this::input);
      client.inputEndHandler(this::inputEnded);
    }
    StreamTarget.Status status = container.status();
    if (status == StreamTarget.Status.EXITED || status == StreamTarget.Status.DEAD) {
      // dockerd answers and ends at once: the wait for "not running" is already over
      end();
      return;
    }
    // registering may connect at once (blocking): never on the event loop
    pool.execute(
        () -> {
          Runnable cancel = container.whenAttachable(this::connect);
          boolean over;
          synchronized (this) {
            cancelWait = cancel;
            over = ended;
          }
          if (over) {
            cancel.run();
          }
        });
  }

  /** Called by the container's start hook (or at once when it runs): the socket is ready. */
  private void connect() {
    if (ended) {
      return;
    }
    try {
      ConmonAttachSocket s = ConmonAttachSocket.connect(container.attachSocket());
      s.readInto(container.id().substring(0, 12), new Output());
      // set on the stdin executor, behind every input already submitted: order is kept
      io.execute(
          () -> {
            synchronized (this) {
              if (ended) {
                s.close();
                return;
              }
              socket = s;
            }
            flushQueued();
          });
    } catch (IOException e) {
      LOG.log(Level.WARNING, "cannot attach to " + container.name(), e);
      end();
    }
  }

  private final java.util.ArrayDeque<Runnable> queued = new java.util.ArrayDeque<>();

  /** Stdin work waits in {@link #queued} until the socket is connected, then runs in order. */
  private void whenConnected(Runnable task) {
    io.execute(
        () -> {
          synchronized (this) {
            if (socket == null) {
              queued.add(task);
              return;
            }
          }
          task.run();
        });
  }

  private void flushQueued() {
    while (true) {
      Runnable next;
      synchronized (this) {
        next = queued.poll();
      }
      if (next == null) {
        return;
      }
      next.run();
    }
  }

  private void input(Buffer data) {
    byte[] bytes = data.getBytes();
    if (container.tty()) {
      DetachKeys.Scan scan = detachKeys.scan(bytes);
      bytes = scan.forward();
      if (scan.detach()) {
        byte[] last = bytes;
        whenConnected(
            () -> {
              send(last);
              onDetach.run();
              end();
            });
        return;
      }
    }
    byte[] chunk = bytes;
    if (chunk.length > 0) {
      whenConnected(() -> send(chunk));
    }
  }

  private void send(byte[] data) {
    if (data.length == 0 || ended) {
      return;
    }
    try {
      socket.write(data);
    } catch (IOException e) {
      LOG.log(Level.FINE, "stdin write failed", e);
    }
  }

  private void inputEnded() {
    if (container.stdinOnce() && !container.tty()) {
      whenConnected(() -> socket.closeInput());
    } else {
      whenConnected(this::end);
    }
  }

  /** Ends the session: closes conmon's side and the client's. Idempotent. */
  public void end() {
    ConmonAttachSocket s;
    Runnable cancel;
    synchronized (this) {
      if (ended) {
        return;
      }
      ended = true;
      s = socket;
      cancel = cancelWait;
      queued.clear();
    }
    cancel.run();
    if (s != null) {
      s.close();
    }
    client.end();
  }

  private final class Output implements ConmonAttachSocket.Output {
    @Override
    public void data(int stream, byte[] data) {
      if (container.tty() ? !stdout : stream == StdFrames.STDOUT ? !stdout : !stderr) {
        return;
      }
      // the reader thread may wait: conmon buffers, the container slows, nothing is lost
      while (client.writeQueueFull() && !ended) {
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      client.write(StdFrames.encode(container.tty() || !client.framed(), stream, data, 0, data.length));
    }

    @Override
    public void end() {
      container.afterOutput(AttachSession.this::end);
    }
  }
}
