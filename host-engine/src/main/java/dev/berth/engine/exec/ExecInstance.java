package dev.berth.engine.exec;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** One exec instance: its configuration and its lifecycle (created, running, exited). */
public final class ExecInstance {

  private final String id;
  private final String containerId;
  private final ExecConfig config;
  /** Completes with the pid once the process runs (or exceptionally when it cannot start). */
  private final CompletableFuture<Integer> started = new CompletableFuture<>();
  /** Completes with the exit code once it is recorded. */
  private final CompletableFuture<Integer> exited = new CompletableFuture<>();
  private boolean running;
  private boolean claimed;
  private Integer exitCode;
  private int pid;
  private ConmonExec process;

  ExecInstance(String id, String containerId, ExecConfig config) {
    this.id = id;
    this.containerId = containerId;
    this.config = config;
  }

  public String id() {
    return id;
  }

  public String containerId() {
    return containerId;
  }

  public ExecConfig config() {
    return config;
  }

  CompletableFuture<Integer> started() {
    return started;
  }

  CompletableFuture<Integer> exited() {
    return exited;
  }

  /** Claims the instance for one start; false when it runs or ran already. */
  synchronized boolean claim() {
    if (claimed) {
      return false;
    }
    claimed = true;
    return true;
  }

  synchronized boolean hasRun() {
    return exitCode != null;
  }

  synchronized void process(ConmonExec process) {
    this.process = process;
  }

  synchronized ConmonExec process() {
    return process;
  }

  synchronized void markStarted(int pid) {
    this.pid = pid;
    this.running = true;
    started.complete(pid);
  }

  synchronized void markExited(int code) {
    running = false;
    exitCode = code;
    started.complete(pid);
    exited.complete(code);
  }

  /** "sh -c echo hi" as the event action shows it: entrypoint, a space, then the arguments. */
  String commandLine() {
    List<String> cmd = config.cmd;
    return cmd.get(0) + " " + String.join(" ", cmd.subList(1, cmd.size()));
  }

  /** GET /exec/{id}/json. */
  public synchronized JsonObject toJson() {
    List<String> cmd = config.cmd;
    return new JsonObject()
        .put("ID", id)
        .put("Running", running)
        .put("ExitCode", exitCode)
        .put(
            "ProcessConfig",
            new JsonObject()
                .put("tty", config.tty)
                .put("entrypoint", cmd.get(0))
                .put("arguments", new JsonArray(cmd.subList(1, cmd.size())))
                .put("privileged", config.privileged)
                .put("user", config.user == null ? "" : config.user))
        .put("OpenStdin", config.attachStdin)
        .put("OpenStderr", config.attachStderr)
        .put("OpenStdout", config.attachStdout)
        .put("CanRemove", false)
        .put("ContainerID", containerId)
        .put("DetachKeys", config.detachKeys == null ? "" : config.detachKeys)
        .put("Pid", pid);
  }
}
