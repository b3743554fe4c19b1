package dev.berth.engine.streams;

import dev.berth.engine.api.ApiRoutes;
import dev.berth.engine.api.Http;
import dev.berth.engine.api.compat.ApiVersionPrefix;
import dev.berth.engine.errors.EngineException;
import dev.berth.engine.events.EventLog;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Map;

/**
 * Container streams: attach (hijacked), logs (chunked) and TTY resize. Everything is validated
 * before the first byte of a stream goes out; later failures can only end the stream.
 */
public final class ContainerStreamsRouter implements ApiRoutes {

  private final StreamsBackend backend;
  private final EventLog events;
  private final StreamPools pools;

  public ContainerStreamsRouter(StreamsBackend backend, EventLog events, StreamPools pools) {
    this.backend = backend;
    this.events = events;
    this.pools = pools;
  }

  @Override
  public void mount(Router router) {
    // GET
    router.get("/containers/:id/logs").handler(this::getContainersLogs);
    // POST
    router.post("/containers/:id/attach").handler(this::postContainersAttach);
    router.post("/containers/:id/resize").handler(this::postContainersResize);
  }

  private void getContainersLogs(RoutingContext ctx) {
    LogOptions options = LogOptions.from(ctx);
    StreamTarget c = backend.container(ctx.pathParam("id"));
    ctx.response()
        .setStatusCode(200)
        .setChunked(true)
        .putHeader(HttpHeaders.CONTENT_TYPE, contentType(ctx, c.tty()))
        .writeHead();
    Sink sink = new ResponseSink(ctx.vertx().getOrCreateContext(), ctx.response());
    new LogStreamer(pools.scheduler(), c.logPath(), options, c.tty(), sink, c::exited, () -> {}, true).start();
  }

  private void postContainersAttach(RoutingContext ctx) {
    DetachKeys keys = DetachKeys.parse(ctx.request().getParam("detachKeys"));
    boolean stream = Http.boolParam(ctx, "stream", false);
    boolean logs = Http.boolParam(ctx, "logs", false);
    boolean stdin = Http.boolParam(ctx, "stdin", false);
    boolean stdout = Http.boolParam(ctx, "stdout", false);
    boolean stderr = Http.boolParam(ctx, "stderr", false);
    String ref = ctx.pathParam("id");
    StreamTarget c = backend.container(ref);
    if (c.status() == StreamTarget.Status.PAUSED) {
      throw EngineException.conflict("container " + ref + " is paused, unpause the container before attach");
    }
    if (c.status() == StreamTarget.Status.RESTARTING) {
      throw EngineException.conflict("container " + ref + " is restarting, wait until the container is running");
    }
    ClientConnection.open(ctx, !c.tty() && ApiVersionPrefix.atLeast(ctx, "1.42"))
        .onFailure(ctx::fail)
        .onSuccess(
            client -> {
              events.publish("container", "attach", c.id(), c.eventAttributes());
              AttachSession session =
                  new AttachSession(
                      c,
                      client,
                      stdin,
                      stdout,
                      stderr,
                      keys,
                      () -> events.publish("container", "detach", c.id(), c.eventAttributes()),
                      pools.blocking());
              Runnable streamPart = stream ? session::start : client::end;
              if (logs) {
                LogOptions replay = LogOptions.all(stdout, stderr);
                new LogStreamer(pools.scheduler(), c.logPath(), replay, c.tty(), client, c::exited, streamPart, false)
                    .start();
              } else {
                streamPart.run();
              }
            });
  }

  private void postContainersResize(RoutingContext ctx) {
    int h = TtyResize.dimension(ctx, "h");
    int w = TtyResize.dimension(ctx, "w");
    StreamTarget c = backend.container(ctx.pathParam("id"));
    if (c.status() != StreamTarget.Status.RUNNING && c.status() != StreamTarget.Status.PAUSED) {
      throw EngineException.conflict("Container " + c.id() + " is not running");
    }
    ctx.vertx()
        .executeBlocking(() -> { TtyResize.write(c.ctlFifo(), h, w); return null; }, false)
        .onFailure(ctx::fail)
        .onSuccess(
            v -> {
              Map<String, String> attrs = new HashMap<>(c.eventAttributes());
              attrs.put("height", Integer.toString(h));
              attrs.put("width", Integer.toString(w));
              events.publish("container", "resize", c.id(), attrs);
              ctx.response().setStatusCode(200).end();
            });
  }


  static String contentType(RoutingContext ctx, boolean tty) {
    return !tty && ApiVersionPrefix.atLeast(ctx, "1.42") ? StdFrames.MULTIPLEXED : StdFrames.RAW;
  }
}
