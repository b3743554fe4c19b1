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
 * Container streams: attach (hijacked, or over a WebSocket), logs (chunked) and TTY resize. Everything is validated
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
    router.get("/containers/:id/attach/ws").handler(this::getContainersAttachWs);
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
    StreamTarget c = attachable(ctx);
    ClientConnection.open(ctx, !c.tty() && ApiVersionPrefix.atLeast(ctx, "1.42"))
        .onFailure(ctx::fail)
        .onSuccess(client -> attach(ctx, c, client, Http.boolParam(ctx, "stdin", false),
            Http.boolParam(ctx, "stdout", false), Http.boolParam(ctx, "stderr", false)));
  }

  /**
   * Portainer's console attaches this way: the same session over a WebSocket, never multiplexed.
   * As dockerd: binary messages from API 1.28 (text before), and before 1.42 all three streams
   * whatever the parameters say.
   */
  private void getContainersAttachWs(RoutingContext ctx) {
    StreamTarget c = attachable(ctx);
    if (!ClientConnection.wantsWebSocket(ctx.request())) {
      throw EngineException.invalidParameter("attach/ws needs a WebSocket upgrade request (Upgrade: websocket)");
    }
    boolean chosen = ApiVersionPrefix.atLeast(ctx, "1.42");
    ClientConnection.websocket(ctx, ApiVersionPrefix.atLeast(ctx, "1.28"))
        .onFailure(ctx::fail)
        .onSuccess(client -> attach(ctx, c, client, !chosen || Http.boolParam(ctx, "stdin", false),
            !chosen || Http.boolParam(ctx, "stdout", false), !chosen || Http.boolParam(ctx, "stderr", false)));
  }

  /** The container to attach to (detachKeys checked before any upgrade), refused while paused or restarting. */
  private StreamTarget attachable(RoutingContext ctx) {
    DetachKeys.parse(ctx.request().getParam("detachKeys"));
    String ref = ctx.pathParam("id");
    StreamTarget c = backend.container(ref);
    if (c.status() == StreamTarget.Status.PAUSED) {
      throw EngineException.conflict("container " + ref + " is paused, unpause the container before attach");
    }
    if (c.status() == StreamTarget.Status.RESTARTING) {
      throw EngineException.conflict("container " + ref + " is restarting, wait until the container is running");
    }
    return c;
  }

  private void attach(RoutingContext ctx, StreamTarget c, ClientConnection client, boolean stdin, boolean stdout,
      boolean stderr) {
    DetachKeys keys = DetachKeys.parse(ctx.request().getParam("detachKeys"));
    boolean stream = Http.boolParam(ctx, "stream", false);
    boolean logs = Http.boolParam(ctx, "logs", false);
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
      new LogStreamer(pools.scheduler(), c.logPath(), replay, c.tty() || !client.framed(), client, c::exited,
          streamPart, false).start();
    } else {
      streamPart.run();
    }
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
