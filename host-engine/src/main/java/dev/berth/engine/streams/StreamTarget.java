package dev.berth.engine.streams;

import java.nio.file.Path;
import java.util.Map;

/**
 * What attach, logs and resize need to know about one container: a narrow view over the
 * containers package, so that streams never depend on the container model itself.
 */
public interface StreamTarget {

  enum Status {
    CREATED,
    RUNNING,
    PAUSED,
    RESTARTING,
    EXITED,
    DEAD,
    REMOVING
  }

  String id();

  /** The name without the leading slash. */
  String name();

  /** Attributes for this container's events: image, name and the labels. */
  Map<String, String> eventAttributes();

  boolean tty();

  boolean openStdin();

  boolean stdinOnce();

  Status status();

  /** conmon's SOCK_SEQPACKET attach socket. */
  Path attachSocket();

  /** conmon's control FIFO (resize: "1 H W\n"). */
  Path ctlFifo();

  /** conmon's k8s-file log. */
  Path logPath();

  /**
   * Runs {@code ready} (on any thread) once output can be attached without loss: at once when
   * the container runs, otherwise at its next start, after conmon created the attach socket
   * and before the process runs; the start waits for {@code ready} to return. Returns a
   * handle that cancels the registration.
   */
  Runnable whenAttachable(Runnable ready);

  /** True once the process has exited and conmon has written its last output. */
  boolean exited();

  /**
   * Runs {@code finish} when the attached output has ended. An exec session delays it until
   * its exit code is recorded, because the CLI asks for that code as soon as the stream ends.
   */
  default void afterOutput(Runnable finish) {
    finish.run();
  }
}
