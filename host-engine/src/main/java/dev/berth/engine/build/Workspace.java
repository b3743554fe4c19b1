package dev.berth.engine.build;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A writable root filesystem over a stage's image for steps that change files without running
 * anything (COPY, ADD, WORKDIR): the overlay of a created, never started container, or an empty
 * folder for FROM scratch. What the work changed becomes the step's layer; the container or
 * folder is gone afterwards, whatever happened.
 */
final class Workspace {

  /** Changes files under {@code root}; returns false when it changed nothing (no layer then). */
  interface Work {
    boolean apply(Path root) throws IOException;
  }

  private final BuildBackend backend;
  private final Path tmpRoot;

  Workspace(BuildBackend backend, Path tmpRoot) {
    this.backend = backend;
    this.tmpRoot = tmpRoot;
  }

  /** Runs {@code work} over {@code imageId} (null: scratch) and commits; returns the new image id. */
  String commit(String imageId, JsonObject runtime, String createdBy, Work work) throws IOException {
    if (imageId == null) {
      Files.createDirectories(tmpRoot);
      Path dir = Files.createTempDirectory(tmpRoot, "scratch-");
      try {
        boolean changed = work.apply(dir);
        return backend.commit(null, changed ? dir : null, runtime, createdBy);
      } finally {
        FileCopy.deleteTree(dir);
      }
    }
    String id = backend.createContainer(body(imageId, createdBy));
    try {
      boolean changed = backend.withRootfs(id, work::apply);
      return backend.commit(imageId, changed ? backend.upperDir(id) : null, runtime, createdBy);
    } finally {
      backend.remove(id);
    }
  }

  /** Runs {@code work} on the mounted files of an image (COPY --from reads them). */
  <T> T read(String imageId, BuildBackend.RootWork<T> work) throws IOException {
    String id = backend.createContainer(body(imageId, "#(nop) read"));
    try {
      return backend.withRootfs(id, work);
    } finally {
      backend.remove(id);
    }
  }

  /** A never started container: its command only has to exist, as with dockerd's #(nop) ones. */
  private static JsonObject body(String imageId, String createdBy) {
    return new JsonObject()
        .put("Image", imageId)
        .put("Entrypoint", new JsonArray().add(""))
        .put("Cmd", new JsonArray().add("/bin/sh").add("-c").add(createdBy))
        .put("Healthcheck", new JsonObject().put("Test", new JsonArray().add("NONE")))
        .put("HostConfig", new JsonObject().put("NetworkMode", "none"));
  }
}
