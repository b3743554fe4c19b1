package dev.berth.engine.images;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;

/** What `docker commit` needs of a container; the containers package implements it. */
public interface CommitSource {

  /** Finds the container (404) and, when {@code pause} and it runs, pauses it until {@link Snapshot#close}. */
  Snapshot open(String ref, boolean pause);

  /** A container held still for a commit. */
  interface Snapshot extends AutoCloseable {
    String containerId();

    /** The full id of the container's image. */
    String imageId();

    /** The container's Config (its merged runtime config). */
    JsonObject config();

    /** The overlay upper dir: the container's changes, with overlay whiteouts. */
    Path upperDir();

    /** Publishes the container's "commit" event. */
    void committed(String imageId, String imageRef, String comment);

    /** Unpauses what {@link CommitSource#open} paused; must not throw. */
    @Override
    void close();
  }
}
