package dev.berth.engine.images;

import dev.berth.engine.api.ApiRoutes;
import dev.berth.engine.api.Http;
import dev.berth.engine.errors.EngineException;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.logging.Logger;

/** /images: import, list, inspect, history, tag, remove, prune, save and load. */
public final class ImagesRouter implements ApiRoutes {

  private static final Logger LOG = Logger.getLogger(ImagesRouter.class.getName());

  private final ImagesBackend backend;

  public ImagesRouter(ImagesBackend backend) {
    this.backend = backend;
  }

  @Override
  public void mount(Router router) {
    // GET
    router.get("/images/json").handler(this::getImagesJson);
    router.get("/images/get").handler(this::getImagesGet);
    router.getWithRegex("/images/(?<name>.+)/json").handler(this::getImageJson);
    router.getWithRegex("/images/(?<name>.+)/history").handler(this::getImageHistory);
    router.getWithRegex("/images/(?<name>.+)/get").handler(this::getImageGet);
    // POST
    router.post("/images/create").handler(this::postImagesCreate);
    router.post("/images/load").handler(this::postImagesLoad);
    router.post("/images/prune").handler(this::postImagesPrune);
    router.postWithRegex("/images/(?<name>.+)/tag").handler(this::postImageTag);
    router.postWithRegex("/images/(?<name>.+)/push").handler(this::postImagePush);
    // DELETE
    router.deleteWithRegex("/images/(?<name>.+)").handler(this::deleteImage);
  }

  private void getImagesJson(RoutingContext ctx) {
    boolean all = Http.boolParam(ctx, "all", false);
    blocking(ctx, () -> backend.list(Http.filters(ctx), all)).onSuccess(list -> Http.json(ctx, 200, list));
  }

  private void getImageJson(RoutingContext ctx) {
    blocking(ctx, () -> backend.inspect(ctx.pathParam("name"))).onSuccess(body -> Http.json(ctx, 200, body));
  }

  private void getImageHistory(RoutingContext ctx) {
    blocking(ctx, () -> backend.history(ctx.pathParam("name"))).onSuccess(body -> Http.json(ctx, 200, body));
  }

  private void postImageTag(RoutingContext ctx) {
    String repo = ctx.request().getParam("repo");
    String tag = ctx.request().getParam("tag");
    blocking(ctx, () -> {
      backend.tag(ctx.pathParam("name"), repo, tag);
      return null;
    }).onSuccess(v -> ctx.response().setStatusCode(201).end());
  }

  private void deleteImage(RoutingContext ctx) {
    boolean force = Http.boolParam(ctx, "force", false);
    // noprune keeps untagged parents; images here have no parent chain, so it only gets validated
    Http.boolParam(ctx, "noprune", false);
    blocking(ctx, () -> backend.delete(ctx.pathParam("name"), force)).onSuccess(records -> Http.json(ctx, 200, records));
  }

  private void postImagesPrune(RoutingContext ctx) {
    blocking(ctx, () -> backend.prune(Http.filters(ctx))).onSuccess(report -> Http.json(ctx, 200, report));
  }

  private void getImagesGet(RoutingContext ctx) {
    save(ctx, ctx.queryParam("names"));
  }

  private void getImageGet(RoutingContext ctx) {
    save(ctx, List.of(ctx.pathParam("name")));
  }

  private void postImagesCreate(RoutingContext ctx) {
    String fromImage = ctx.request().getParam("fromImage");
    if (fromImage != null && !fromImage.isEmpty()) {
      pull(ctx, fromImage, ctx.request().getParam("tag"));
      return;
    }
    String fromSrc = ctx.request().getParam("fromSrc");
    if (fromSrc == null || fromSrc.isEmpty()) {
      ctx.fail(EngineException.invalidParameter("fromSrc or fromImage is required"));
      return;
    }
    if (!fromSrc.equals("-")) {
      // dockerd would fetch a URL here; Berth only takes the request body
      ctx.fail(EngineException.invalidParameter("importing from a URL is not supported, send the tar as the body (fromSrc=-)"));
      return;
    }
    ImagesBackend.BodyReader reader;
    try {
      reader = backend.prepareImport(
          ctx.request().getParam("repo"), ctx.request().getParam("tag"), ctx.queryParam("changes"), ctx.request().getParam("message"));
    } catch (RuntimeException e) {
      ctx.fail(e);
      return;
    }
    BodyInputStream body = new BodyInputStream(ctx.request(), ctx.vertx().getOrCreateContext());
    blocking(ctx, () -> reader.run(body))
        .onSuccess(id -> ndjson(ctx.response()).end(new JsonObject().put("status", id).encode() + "\r\n"));
  }

  /** Registry errors before the first layer get a status; later ones travel in-band, as with dockerd. */
  private void pull(RoutingContext ctx, String fromImage, String tag) {
    String auth = ctx.request().getHeader("X-Registry-Auth");
    String platform = ctx.request().getParam("platform");
    progress(ctx, blocking(ctx, () -> backend.preparePull(fromImage, tag, platform, auth)));
  }

  private void postImagePush(RoutingContext ctx) {
    String auth = ctx.request().getHeader("X-Registry-Auth");
    String tag = ctx.request().getParam("tag");
    progress(ctx, blocking(ctx, () -> backend.preparePush(ctx.pathParam("name"), tag, auth)));
  }

  /** Streams a prepared pull or push as dockerd's JSON progress lines; a late error ends the stream. */
  private static void progress(RoutingContext ctx, io.vertx.core.Future<ImagesBackend.Pull> prepared) {
    prepared.onSuccess(pull -> {
          HttpServerResponse response = ndjson(ctx.response()).setChunked(true);
          ctx.vertx().executeBlocking(() -> {
            pull.run(message -> response.write(message.encode() + "\r\n"));
            return null;
          }, false).onComplete(done -> {
            if (done.failed()) {
              String message = done.cause().getMessage() != null ? done.cause().getMessage() : done.cause().toString();
              response.end(new JsonObject().put("errorDetail", new JsonObject().put("message", message)).put("error", message).encode() + "\r\n");
            } else {
              response.end();
            }
          });
        });
  }

  private void postImagesLoad(RoutingContext ctx) {
    // quiet drops progress bars; Berth loads before it answers, so there are none to drop
    Http.boolParam(ctx, "quiet", false);
    BodyInputStream body = new BodyInputStream(ctx.request(), ctx.vertx().getOrCreateContext());
    blocking(ctx, () -> backend.load(body))
        .onSuccess(lines -> {
          StringBuilder out = new StringBuilder();
          lines.forEach(l -> out.append(new JsonObject().put("stream", l).encode()).append("\r\n"));
          ndjson(ctx.response()).end(out.toString());
        });
  }

  /** Validates every name (404 before any byte), then streams the archive. */
  private void save(RoutingContext ctx, List<String> names) {
    blocking(ctx, () -> backend.prepareSave(names))
        .onSuccess(writer -> {
          HttpServerResponse response = ctx.response();
          response.setChunked(true).putHeader("Content-Type", "application/x-tar").setStatusCode(200);
          ctx.vertx().executeBlocking(() -> {
            try (OutputStream out = new ResponseOutputStream(response)) {
              writer.run(out);
            }
            return null;
          }, false).onComplete(done -> {
            if (done.failed()) {
              // headers are out: all that is left is to cut the stream short
              LOG.warning("image save cut short: " + done.cause().getMessage());
              response.reset();
            } else {
              response.end();
            }
          });
        });
  }

  private static HttpServerResponse ndjson(HttpServerResponse response) {
    return response.setStatusCode(200).putHeader("Content-Type", "application/json");
  }

  /** Runs blocking store work on a worker thread; a failure goes to the error handler. */
  private static <T> io.vertx.core.Future<T> blocking(RoutingContext ctx, Callable<T> work) {
    return ctx.vertx().<T>executeBlocking(work, false).onFailure(ctx::fail);
  }
}
