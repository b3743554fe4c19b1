package dev.berth.engine.containers;

import dev.berth.engine.api.compat.DockerTime;
import dev.berth.engine.errors.EngineException;
import dev.berth.engine.runtime.OciRuntime;
import dev.berth.engine.runtime.OciRuntimeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * POST /containers/{id}/start: mount the rootfs, write the bundle, let conmon run {@code runc
 * create}, open the attach gate, then {@code runc start}. Failures are reported the way dockerd
 * reports them, so the CLI maps them to exit codes 125/126/127.
 */
final class ContainerStart {

  private ContainerStart() {}

  static void start(ContainerService s, Container c) {
    s.locked(c, () -> {
      if (!c.isRunning()) {
        resetRestarts(s, c);
      }
      startLocked(s, c);
      return null;
    });
  }

  /** Lock held: a start by the user drops a pending restart, the retry count and a manual stop. */
  static void resetRestarts(ContainerService s, Container c) {
    s.restarts.reset(c);
    c.resetRestarts();
  }

  /** Lock held. */
  static void startLocked(ContainerService s, Container c) {
    switch (c.status()) {
      case Container.PAUSED -> throw EngineException.conflict("cannot start a paused container, try unpause instead");
      case Container.RUNNING -> throw EngineException.notModified();
      case Container.REMOVING, Container.DEAD -> throw EngineException.conflict(
          "container is marked for removal and cannot be started");
      default -> { }
    }
    if (s.find(c.id()) == null) {
      throw EngineException.noSuchContainer(c.id());
    }
    try {
      OciRuntime.Created created = launch(s, c);
      s.fireStart(c);
      s.runtime.start(c.id());
      c.markStarted(created.pid(), created.monitorPid(), DockerTime.nowNano());
      s.hooks.started(c);
    } catch (OciRuntimeException | IOException | EngineException e) {
      failed(s, c, e);
    }
    s.save(c);
    s.publish(c, "start", Map.of());
  }

  private static OciRuntime.Created launch(ContainerService s, Container c) throws IOException {
    JsonObject config = c.config();
    List<MountPoints.MountPoint> mounts = MountPoints.of(c);
    MountPoints.createMissingSources(mounts);
    // leftovers of an earlier run, if its clean-up was interrupted
    s.runtime.delete(c.id(), true);
    s.runtime.clearExit(c.id());
    Rootfs.mount(c);
    UserResolver.User user = UserResolver.resolve(config.getString("User", ""), c.rootfsDir());
    Rootfs.ensureWorkingDir(c, config.getString("WorkingDir", ""), user);
    s.hooks.prepare(c);
    JsonObject spec = OciSpecBuilder.build(c, c.rootfsDir(), user, mounts, config.getString("Hostname", c.id().substring(0, 12)));
    s.hooks.customizeSpec(c, spec);
    ContainerStore.deleteTree(c.bundleDir());
    Files.createDirectories(c.bundleDir());
    // the bundle lives on the exec root and is rebuilt at every start: no fsync needed
    Files.writeString(c.bundleDir().resolve("config.json"), spec.encode());
    Files.createDirectories(c.logPath().getParent());
    c.armExitSignal();
    boolean stdin = c.openStdin();
    return s.runtime.create(
        new OciRuntime.CreateRequest(
            c.id(), c.name(), c.bundleDir(), c.logPath(), c.tty(), stdin, stdin && !c.stdinOnce()));
  }

  /** Cleans up and throws the failure as dockerd words it; the container stays created. */
  private static void failed(ContainerService s, Container c, Exception e) {
    ContainerExit.releaseRuntime(s, c);
    s.runtime.clearExit(c.id());
    c.attachGate().close();
    if (e instanceof EngineException ee && ee.kind() == EngineException.Kind.NOT_MODIFIED) {
      throw ee;
    }
    String message;
    int exitCode = 128;
    boolean invalidConfig = false;
    if (e instanceof OciRuntimeException) {
      message = "failed to create task for container: failed to create shim task: OCI runtime create failed: "
          + e.getMessage() + ": unknown";
      String lower = message.toLowerCase(Locale.ROOT);
      if (lower.contains(c.path().toLowerCase(Locale.ROOT))
          && (lower.contains("executable file not found") || lower.contains("no such file or directory"))) {
        exitCode = 127;
        invalidConfig = true;
      } else if (lower.contains("permission denied")) {
        exitCode = 126;
        invalidConfig = true;
      } else if (lower.contains("not a directory")) {
        message += ": Are you trying to mount a directory onto a file (or vice-versa)? Check if the specified host path exists and is the expected type";
        exitCode = 127;
        invalidConfig = true;
      }
    } else {
      message = e.getMessage();
      invalidConfig = e instanceof EngineException ee && ee.kind() == EngineException.Kind.INVALID_PARAMETER;
    }
    c.markStartFailed(exitCode, message);
    s.save(c);
    s.waiters.exited(c.id(), exitCode);
    if (c.hostConfig().getBoolean("AutoRemove", false)) {
      s.background.execute(() -> ContainerRemove.autoRemove(s, c));
    }
    throw invalidConfig
        ? EngineException.invalidParameter(message)
        : EngineException.system(message, e);
  }
}
