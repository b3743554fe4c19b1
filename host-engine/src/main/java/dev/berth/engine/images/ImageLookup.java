package dev.berth.engine.images;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;

/**
 * The narrow view of the image store that containers need: resolve a reference, get the
 * image's runtime config and its layer folders for an overlay mount.
 */
public interface ImageLookup {

  /**
   * The image for a reference ("busybox", "busybox:latest", "repo/x:tag", "sha256:…", a
   * short or full id). Throws EngineException NOT_FOUND ("No such image: ref") when absent.
   */
  ImageInfo resolve(String reference);

  /**
   * @param id the full image id, "sha256:<64 hex>"
   * @param reference the reference as the user gave it ("busybox"); containers keep it for
   *     Config.Image
   * @param config the image config's "config" object in Docker's shape (Env, Cmd,
   *     Entrypoint, WorkingDir, User, Labels, ExposedPorts, Volumes, StopSignal, Healthcheck)
   * @param lowerDirs the unpacked layer folders, topmost first, ready to be an overlay
   *     lowerdir list
   */
  record ImageInfo(String id, String reference, JsonObject config, List<Path> lowerDirs) {}

  /** Which containers use an image; the image store asks before it removes one (409). */
  interface Usage {
    /** The containers whose image is {@code imageId} (full "sha256:<hex>"), empty when none. */
    java.util.List<User> containersUsing(String imageId);

    /** @param containerId the container's full id; running includes paused */
    record User(String containerId, boolean running) {}
  }
}
