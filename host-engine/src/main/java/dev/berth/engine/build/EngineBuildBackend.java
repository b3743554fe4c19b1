package dev.berth.engine.build;

import dev.berth.engine.containers.ContainerOperations;
import dev.berth.engine.containers.ContainerService;
import dev.berth.engine.images.ImageCommit;
import dev.berth.engine.images.ImageLookup;
import dev.berth.engine.images.ImageService;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;

/** {@link BuildBackend} over the engine's image and container services. */
public final class EngineBuildBackend implements BuildBackend {

  private static final Logger LOG = Logger.getLogger(EngineBuildBackend.class.getName());

  private final ImageService images;
  private final ImageCommit commits;
  private final ContainerService containers;
  private final ContainerOperations ops;

  public EngineBuildBackend(ImageService images, ImageCommit commits, ContainerService containers) {
    this.images = images;
    this.commits = commits;
    this.containers = containers;
    this.ops = new ContainerOperations(containers);
  }

  @Override
  public Image image(String ref) {
    ImageLookup.ImageInfo info = images.lookup().resolve(ref);
    return new Image(info.id(), info.config());
  }

  @Override
  public boolean hasImage(String id) {
    try {
      images.lookup().resolve(id);
      return true;
    } catch (RuntimeException gone) {
      return false;
    }
  }

  @Override
  public String commit(String parentId, Path upper, JsonObject runtime, String createdBy) throws IOException {
    return commits.commitStep(parentId, upper, runtime, createdBy);
  }

  @Override
  public void tag(String imageId, String reference) throws IOException {
    images.tag(imageId, reference, null);
  }

  @Override
  public String createContainer(JsonObject body) {
    return ops.create(body, null);
  }

  @Override
  public <T> T withRootfs(String containerId, RootWork<T> work) throws IOException {
    return containers.withRootfs(containers.get(containerId), work::run);
  }

  @Override
  public Path upperDir(String containerId) {
    return containers.get(containerId).upperDir();
  }

  @Override
  public Path logPath(String containerId) {
    return containers.get(containerId).logPath();
  }

  @Override
  public CompletableFuture<Integer> run(String containerId) {
    dev.berth.engine.containers.ContainersBackend.Wait wait = ops.waitFor(containerId, "next-exit");
    try {
      ops.start(containerId);
    } catch (RuntimeException e) {
      wait.cancel();
      throw e;
    }
    return wait.result();
  }

  @Override
  public void kill(String containerId) {
    try {
      ops.kill(containerId, "KILL");
    } catch (RuntimeException e) {
      LOG.fine("kill of build container " + containerId + ": " + e.getMessage());
    }
  }

  @Override
  public void remove(String containerId) {
    try {
      ops.remove(containerId, true, true);
    } catch (RuntimeException e) {
      LOG.warning("cannot remove build container " + containerId + ": " + e.getMessage());
    }
  }
}
