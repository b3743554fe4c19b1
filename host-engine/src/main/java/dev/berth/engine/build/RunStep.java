package dev.berth.engine.build;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * RUN: the command runs in a real container of the engine (the stage's env, workdir and user,
 * build args added to its env) and its file changes become the step's layer. Output streams
 * to the client while it runs.
 */
final class RunStep {

  /** What happens to the container: dockerd removes it after success (rm), and also after failure with forcerm. */
  record Removal(boolean rm, boolean forceRm) {}

  final List<String> cmd;
  final String createdBy;
  private final List<String> args;

  RunStep(Stage st, Instruction in) {
    if (!in.flags().isEmpty()) {
      throw new BuildException("Unknown flag: " + in.flags().keySet().iterator().next());
    }
    this.cmd = MetadataSteps.command(st, in);
    this.args = st.runArgs();
    String prefix = args.isEmpty() ? "" : "|" + args.size() + " " + String.join(" ", args) + " ";
    this.createdBy = prefix + String.join(" ", cmd);
  }

  /** Runs the command on the stage's image; returns the committed image id. */
  String run(BuildBackend backend, Stage st, String networkMode, Progress progress, BooleanSupplier cancelled,
      Removal removal) throws IOException {
    if (st.imageId == null) {
      throw new BuildException("cannot RUN in an empty image: FROM scratch has no files yet");
    }
    JsonObject body = st.runtime.copy()
        .put("Image", st.imageId)
        .put("Cmd", new JsonArray(new ArrayList<>(cmd)))
        .put("Entrypoint", new JsonArray().add(""))
        .put("Healthcheck", new JsonObject().put("Test", new JsonArray().add("NONE")))
        .put("HostConfig", new JsonObject().put("NetworkMode", networkMode));
    List<String> env = st.env();
    env.addAll(args);
    body.put("Env", new JsonArray(new ArrayList<>(env)));
    body.remove("Shell");
    String id = backend.createContainer(body);
    boolean keep = false;
    try {
      progress.stream(" ---> Running in " + id.substring(0, 12) + "\n");
      LogTail tail = new LogTail(backend.logPath(id), progress::output);
      int code = await(backend, id, backend.run(id), tail, cancelled);
      if (code != 0) {
        keep = !removal.forceRm();
        throw new BuildException("The command '" + String.join(" ", cmd) + "' returned a non-zero code: " + code, code);
      }
      Path upper = backend.upperDir(id);
      String image = backend.commit(st.imageId, isEmpty(upper) ? null : upper, st.runtime, createdBy);
      keep = !removal.rm();
      if (removal.rm()) {
        progress.stream("Removing intermediate container " + id.substring(0, 12) + "\n");
      }
      return image;
    } finally {
      if (!keep) {
        backend.remove(id);
      }
    }
  }

  private static int await(BuildBackend backend, String id, CompletableFuture<Integer> exit, LogTail tail,
      BooleanSupplier cancelled) throws IOException {
    while (true) {
      try {
        int code = exit.get(100, TimeUnit.MILLISECONDS);
        tail.poll();
        return code;
      } catch (TimeoutException running) {
        tail.poll();
        if (cancelled.getAsBoolean()) {
          backend.kill(id);
          throw new BuildException("the build was cancelled");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        backend.kill(id);
        throw new BuildException("the build was interrupted");
      } catch (ExecutionException e) {
        throw new BuildException("RUN failed: " + e.getCause().getMessage());
      }
    }
  }

  /** A container that changed no file leaves an empty upper dir; dockerd then records an empty layer. */
  private static boolean isEmpty(Path upper) throws IOException {
    if (!Files.isDirectory(upper)) {
      return true;
    }
    try (var s = Files.list(upper)) {
      return s.findAny().isEmpty();
    }
  }
}
