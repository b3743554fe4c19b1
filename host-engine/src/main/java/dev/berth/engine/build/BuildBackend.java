package dev.berth.engine.build;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/** What the builder needs of the engine: images to start from and commit to, and containers for RUN. */
public interface BuildBackend {

  /** An image's full id and its runtime config ("config" object). */
  record Image(String id, JsonObject runtime) {}

  /** Work on a mounted root filesystem. */
  interface RootWork<T> {
    T run(Path root) throws IOException;
  }

  /** The image a reference names; EngineException NOT_FOUND when there is none. */
  Image image(String ref);

  boolean hasImage(String id);

  /** A new image on {@code parentId} (null: scratch) from {@code upper} (null: no layer). */
  String commit(String parentId, Path upper, JsonObject runtime, String createdBy) throws IOException;

  void tag(String imageId, String reference) throws IOException;

  /** Creates a container from a full create body; returns its id. */
  String createContainer(JsonObject body);

  /** Runs {@code work} on the (not running) container's mounted rootfs, unmounted after. */
  <T> T withRootfs(String containerId, RootWork<T> work) throws IOException;

  Path upperDir(String containerId);

  Path logPath(String containerId);

  /** Starts the container; the future completes with its exit code. */
  CompletableFuture<Integer> run(String containerId);

  void kill(String containerId);

  /** Removes the container with its anonymous volumes, forcibly; never throws. */
  void remove(String containerId);
}
