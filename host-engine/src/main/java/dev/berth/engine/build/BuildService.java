package dev.berth.engine.build;

import dev.berth.engine.errors.EngineException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

/** POST /build behind the router: read and check the context and Dockerfile, then build while streaming. */
public final class BuildService {

  private static final Logger LOG = Logger.getLogger(BuildService.class.getName());

  /** A build whose context is unpacked and whose Dockerfile parsed; {@link #run} deletes the context. */
  record Prepared(BuildRequest request, BuildContext context, BuildPlan plan) {}

  private final Builder builder;
  private final Path tmpRoot;

  public BuildService(BuildBackend backend, Path dataRoot) throws IOException {
    Path root = dataRoot.resolve("builder");
    this.tmpRoot = root.resolve("tmp");
    // contexts and staging folders of builds that a crash interrupted
    FileCopy.deleteTree(tmpRoot);
    this.builder = new Builder(backend, new BuildCache(root.resolve("cache"), backend::hasImage), tmpRoot);
  }

  /** Reads the body (the context tar) and parses the Dockerfile: a 400 when either is wrong. */
  Prepared prepare(BuildRequest r, InputStream body) throws IOException {
    BuildContext context = BuildContext.receive(body, tmpRoot, r.dockerfile());
    try {
      return new Prepared(r, context, BuildPlan.of(context.dockerfile, r));
    } catch (RuntimeException e) {
      context.close();
      throw e;
    }
  }

  /** Builds, writing Docker's JSON messages to {@code out}; a failure travels in-band. */
  void run(Prepared prep, OutputStream out, BooleanSupplier cancelled) {
    Progress p = new Progress(out, prep.request().quiet());
    try (BuildContext context = prep.context()) {
      try {
        builder.build(prep.request(), prep.plan(), context.dir, p, cancelled);
      } catch (BuildException e) {
        p.error(e.getMessage(), e.code());
      } catch (EngineException e) {
        p.error(e.getMessage(), 1);
      } catch (IOException e) {
        p.error("build failed: " + e.getMessage(), 1);
      }
    } catch (UncheckedIOException clientGone) {
      LOG.info("build stopped, the client went away: " + clientGone.getMessage());
    }
  }
}
