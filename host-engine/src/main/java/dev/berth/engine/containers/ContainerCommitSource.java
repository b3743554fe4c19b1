package dev.berth.engine.containers;

import dev.berth.engine.images.CommitSource;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Map;
import java.util.logging.Logger;

/** The images package's view of a container for `docker commit`. */
public final class ContainerCommitSource implements CommitSource {

  private static final Logger LOG = Logger.getLogger(ContainerCommitSource.class.getName());

  private final ContainerService s;

  public ContainerCommitSource(ContainerService service) {
    this.s = service;
  }

  @Override
  public Snapshot open(String ref, boolean pause) {
    Container c = s.get(ref);
    boolean paused = pause && c.status().equals(Container.RUNNING);
    if (paused) {
      ContainerPause.pause(s, c);
    }
    return new Snapshot() {
      @Override
      public String containerId() {
        return c.id();
      }

      @Override
      public String imageId() {
        return c.imageId();
      }

      @Override
      public JsonObject config() {
        return c.config();
      }

      @Override
      public Path upperDir() {
        return c.upperDir();
      }

      @Override
      public void committed(String imageId, String imageRef, String comment) {
        s.publish(c, "commit", Map.of("comment", comment, "imageID", imageId, "imageRef", imageRef));
      }

      @Override
      public void close() {
        if (paused) {
          try {
            ContainerPause.unpause(s, c);
          } catch (RuntimeException e) {
            LOG.warning("unpause after commit of " + c.id() + ": " + e.getMessage());
          }
        }
      }
    };
  }
}
