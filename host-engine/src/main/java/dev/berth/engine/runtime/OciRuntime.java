package dev.berth.engine.runtime;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * The seam between the engine and the low-level container tools: an OCI runtime (runc) driven
 * through a per-container monitor (conmon) that holds the container's stdio, log and exit code,
 * so that containers outlive the engine. Every method blocks; call it from a worker thread.
 * Failures throw {@link OciRuntimeException} carrying the runtime's own message.
 */
public interface OciRuntime {

  /**
   * What the monitor needs to create one container from a bundle.
   *
   * @param bundle the OCI bundle (config.json inside); the monitor puts its attach socket and
   *     ctl FIFO there
   * @param logPath the file that receives stdout/stderr lines with timestamps
   * @param leaveStdinOpen keep stdin open when an attached client goes away (OpenStdin without
   *     StdinOnce)
   */
  record CreateRequest(
      String id, String name, Path bundle, Path logPath, boolean tty, boolean stdin, boolean leaveStdinOpen) {}

  /** A created container: its init process (waiting for start) and its monitor. */
  record Created(int pid, int monitorPid) {}

  /** The runtime's view: status is created, running, paused or stopped. */
  record State(String status, int pid) {}

  /**
   * Starts the monitor, which runs {@code runtime create}; returns once the container's init
   * process exists and waits for {@link #start}. On failure nothing is left behind (no
   * runtime state, no monitor) and the exception holds the runtime's message.
   */
  Created create(CreateRequest request);

  /** Lets a created container's process run ({@code runtime start}). */
  void start(String id);

  /** Sends a signal to the container's init process, or to all its processes. */
  void kill(String id, int signal, boolean all);

  /**
   * Applies new limits to a running container's cgroups: an OCI linux.resources object
   * (memory.limit/swap, cpu.shares/quota/period, pids.limit); absent members stay unchanged.
   */
  void update(String id, io.vertx.core.json.JsonObject resources);

  /** Freezes every process of the container (cgroup freezer). */
  void pause(String id);

  /** Thaws a paused container. */
  void unpause(String id);

  /**
   * Removes the runtime's state for the container; with force, kills it first. Unknown ids are
   * not an error, so clean-up can always call it.
   */
  void delete(String id, boolean force);

  /** The runtime's state of the container, or null when the runtime does not know it. */
  State state(String id);

  /** The host pids of every process in the container. */
  List<Integer> pids(String id);

  /** The exit code the monitor recorded, when the container has exited since its start. */
  OptionalInt exitCode(String id);

  /** When the monitor recorded the exit (epoch nanos), 0 if unknown. */
  long exitTimeNano(String id);

  /** Forgets a recorded exit, before a new start or once the engine has processed it. */
  void clearExit(String id);

  /** True while the monitor of the container (pid from {@link Created}) is alive. */
  boolean monitorAlive(String id, int monitorPid);

  /**
   * Calls {@code onExit} with the container id each time a monitor records an exit, from a
   * background thread. Called once, before the first create.
   */
  void watchExits(Consumer<String> onExit);

  /** The monitor's attach socket (SOCK_SEQPACKET) of a container with this bundle. */
  Path attachSocket(Path bundle);

  /** The monitor's control FIFO ("1 H W\n" resizes the TTY). */
  Path ctlFifo(Path bundle);

  /** The runtime binary and the global flags that find this engine's containers. */
  String runtimePath();

  List<String> runtimeArgs();
}
