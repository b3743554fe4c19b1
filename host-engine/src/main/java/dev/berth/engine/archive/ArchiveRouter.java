package dev.berth.engine.archive;

import dev.berth.engine.api.ApiRoutes;
import dev.berth.engine.api.Http;
import dev.berth.engine.errors.ErrorResponder;
import dev.berth.engine.images.BodyInputStream;
import dev.berth.engine.images.ResponseOutputStream;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.OutputStream;
import java.util.concurrent.Callable;

/** `docker cp`: HEAD, GET and PUT /containers/{id}/archive. */
public final class ArchiveRouter implements ApiRoutes {

  private final ArchiveService archives;

  public ArchiveRouter(ArchiveService archives) {
    this.archives = archives;
  }

  @Override
  public void mount(Router router) {
    // HEAD / GET
    router.head("/containers/:id/archive").handler(this::headArchive);
    router.get("/containers/:id/archive").handler(this::getArchive);
    // PUT
    router.put("/containers/:id/archive").handler(this::putArchive);
  }

  private void headArchive(RoutingContext ctx) {
    String path = ctx.request().getParam("path");
    blocking(ctx, () -> archives.stat(ctx.pathParam("id"), path))
        .onSuccess(stat -> ctx.response().setStatusCode(200).putHeader(PathStat.HEADER, stat).end());
  }

  private void getArchive(RoutingContext ctx) {
    String path = ctx.request().getParam("path");
    HttpServerResponse response = ctx.response();
    blocking(ctx, () -> {
      OutputStream[] out = new OutputStream[1];
      archives.get(ctx.pathParam("id"), path, stat -> {
        response.setStatusCode(200).setChunked(true)
            .putHeader(PathStat.HEADER, stat).putHeader("Content-Type", "application/x-tar");
        out[0] = new ResponseOutputStream(response);
        return out[0];
      });
      out[0].close();
      return null;
    }).onSuccess(v -> response.end());
  }

  private void putArchive(RoutingContext ctx) {
    String path = ctx.request().getParam("path");
    boolean noOverwrite = Http.boolParam(ctx, "noOverwriteDirNonDir", false);
    boolean copyUidGid = Http.boolParam(ctx, "copyUIDGID", false);
    BodyInputStream body = new BodyInputStream(ctx.request(), ctx.vertx().getOrCreateContext());
    blocking(ctx, () -> {
      archives.put(ctx.pathParam("id"), path, body, noOverwrite, copyUidGid);
      // what the client sent after the tar's end marker is read, so the connection stays usable
      body.transferTo(OutputStream.nullOutputStream());
      return null;
    }).onSuccess(v -> ctx.response().setStatusCode(200).end());
  }

  /** A failure after the headers went out can only cut the stream short (ErrorResponder does). */
  private static <T> Future<T> blocking(RoutingContext ctx, Callable<T> work) {
    return ctx.vertx().<T>executeBlocking(work, false).onFailure(e -> ErrorResponder.write(ctx.response(), e));
  }
}
