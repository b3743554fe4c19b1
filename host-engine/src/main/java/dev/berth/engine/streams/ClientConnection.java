package dev.berth.engine.streams;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetSocket;
import io.vertx.ext.web.RoutingContext;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * The client side of an attach or exec session, as Docker serves it. With
 * {@code Upgrade: tcp} the connection is hijacked: a 101 goes out and raw bytes then flow both
 * ways. Without it (docker-java with no stdin) a 200 with the raw-stream type is streamed and
 * the request body, if any, is the input. Over a WebSocket ({@code attach/ws}) each message in
 * is input and output goes out unframed, in binary messages from API 1.28 on (text before), as
 * dockerd does.
 *
 * <p>Vert.x writes the status line as {@code HTTP/1.1 101 Switching Protocols}; dockerd writes
 * {@code 101 UPGRADED}. Both the docker CLI and docker-java check only the status code.
 *
 * <p>Thread-safe: writes may come from any thread; they run on the connection's context.
 */
public final class ClientConnection implements Sink {

  private final Context context;
  private final NetSocket socket;
  private final HttpServerResponse response;
  private final ServerWebSocket ws;
  private final boolean binary;
  /** Input that arrives before a handler is set (attach with logs=1 replays first) waits here. */
  private final java.util.List<Buffer> early = new java.util.ArrayList<>();
  private Consumer<Buffer> input = early::add;
  private Runnable inputEnd = () -> {};
  private Runnable closed = () -> {};
  private boolean inputEnded;
  private volatile boolean done;
  private boolean closeFired;

  private ClientConnection(Context context, NetSocket socket, HttpServerResponse response) {
    this(context, socket, response, null, true);
  }

  private ClientConnection(Context context, NetSocket socket, HttpServerResponse response, ServerWebSocket ws,
      boolean binary) {
    this.context = context;
    this.socket = socket;
    this.response = response;
    this.ws = ws;
    this.binary = binary;
  }

  /** True when the request asks for a WebSocket (attach/ws). */
  public static boolean wantsWebSocket(HttpServerRequest request) {
    String upgrade = request.getHeader(HttpHeaders.UPGRADE);
    return upgrade != null && upgrade.equalsIgnoreCase("websocket");
  }

  /** Upgrades to a WebSocket; {@code binary} picks binary messages (API 1.28 on) over text ones. */
  public static Future<ClientConnection> websocket(RoutingContext ctx, boolean binary) {
    Context context = ctx.vertx().getOrCreateContext();
    return ctx.request().toWebSocket().map(ws -> {
      ClientConnection c = new ClientConnection(context, null, null, ws, binary);
      ws.handler(b -> c.input.accept(b));
      ws.endHandler(v -> c.fireInputEnd());
      ws.closeHandler(v -> c.fireClosed());
      return c;
    });
  }

  /** False for a WebSocket: its output is never multiplexed into stdout/stderr frames. */
  public boolean framed() {
    return ws == null;
  }

  /** True when the request asks for a hijacked connection. */
  private static boolean wantsUpgrade(HttpServerRequest request) {
    String connection = request.getHeader(HttpHeaders.CONNECTION);
    return request.getHeader(HttpHeaders.UPGRADE) != null
        && connection != null
        && connection.toLowerCase().contains("upgrade");
  }

  /**
   * Answers the request and hands over the stream. {@code multiplexed} picks the 101's content
   * type (the multiplexed one only from API 1.42 on, as dockerd does).
   */
  public static Future<ClientConnection> open(RoutingContext ctx, boolean multiplexed) {
    Context context = ctx.vertx().getOrCreateContext();
    HttpServerRequest request = ctx.request();
    HttpServerResponse response = ctx.response();
    if (!wantsUpgrade(request)) {
      response
          .setStatusCode(200)
          .setChunked(true)
          .putHeader(HttpHeaders.CONTENT_TYPE, StdFrames.RAW);
      ClientConnection c = new ClientConnection(context, null, response);
      response.closeHandler(v -> c.fireClosed());
      if (request.isEnded()) {
        c.fireInputEnd();
      } else {
        request.handler(b -> c.input.accept(b));
        request.endHandler(v -> c.fireInputEnd());
        request.resume();
      }
      response.writeHead();
      return Future.succeededFuture(c);
    }
    response
        .putHeader(HttpHeaders.CONTENT_TYPE, multiplexed ? StdFrames.MULTIPLEXED : StdFrames.RAW)
        .putHeader(HttpHeaders.CONNECTION, "Upgrade")
        .putHeader(HttpHeaders.UPGRADE, "tcp");
    return upgrade(request)
        .map(
            socket -> {
              ClientConnection c = new ClientConnection(context, socket, null);
              // The CLI half-closes its side when its stdin ends and still reads the output:
              // without half-closure Netty would close the whole channel on that EOF.
              if (socket instanceof NetSocketInternal internal) {
                Channel channel = internal.channelHandlerContext().channel();
                channel.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
                internal.eventHandler(
                    event -> {
                      if (event instanceof ChannelInputShutdownEvent) {
                        c.fireInputEnd();
                        HalfClosedPeerWatch.start(ctx.vertx(), channel, socket);
                      }
                    });
              }
              socket.handler(b -> c.input.accept(b));
              socket.endHandler(v -> c.fireInputEnd());
              socket.closeHandler(v -> c.fireClosed());
              socket.resume();
              return c;
            });
  }

  /**
   * Vert.x upgrades only GET (and CONNECT) requests to a TCP socket, while Docker's hijack is a
   * POST. The response's own upgrade step (what {@code toNetSocket()} calls) is reached
   * directly, presenting the request as the GET upgrade it otherwise is; it writes the 101
   * with the headers set above and hands over the connection.
   */
  @SuppressWarnings("unchecked")
  private static Future<NetSocket> upgrade(HttpServerRequest request) {
    HttpServerResponse response = request.response();
    try {
      Method netSocket = response.getClass().getDeclaredMethod("netSocket", HttpMethod.class, MultiMap.class);
      netSocket.setAccessible(true);
      return (Future<NetSocket>) netSocket.invoke(response, HttpMethod.GET, request.headers());
    } catch (ReflectiveOperationException | RuntimeException e) {
      return Future.failedFuture(new IllegalStateException("cannot hijack the connection", e));
    }
  }

  /** Input from the client (stdin). Called on the connection's context. */
  public ClientConnection inputHandler(Consumer<Buffer> handler) {
    context.runOnContext(
        v -> {
          early.forEach(handler);
          early.clear();
          this.input = handler;
        });
    return this;
  }

  /** The client finished sending (half-close or end of body). Called at most once. */
  public ClientConnection inputEndHandler(Runnable handler) {
    context.runOnContext(
        v -> {
          this.inputEnd = handler;
          if (inputEnded) {
            handler.run();
          }
        });
    return this;
  }

  /** The connection went away (either side). Called at most once. */
  public ClientConnection closeHandler(Runnable handler) {
    this.closed = handler;
    return this;
  }

  @Override
  public void write(Buffer data) {
    context.runOnContext(
        v -> {
          if (done) {
            return;
          }
          if (ws != null) {
            if (!ws.isClosed()) {
              ws.writeFrame(binary ? WebSocketFrame.binaryFrame(data, true)
                  : WebSocketFrame.textFrame(data.toString(StandardCharsets.UTF_8), true));
            }
          } else if (socket != null) {
            socket.write(data);
          } else if (!response.ended() && !response.closed()) {
            response.write(data);
          }
        });
  }

  /** True when the client is slow and output should wait. */
  @Override
  public boolean writeQueueFull() {
    return ws != null ? ws.writeQueueFull() : socket != null ? socket.writeQueueFull() : response.writeQueueFull();
  }

  /** Flushes what was written and closes the connection. */
  @Override
  public void end() {
    context.runOnContext(
        v -> {
          if (done) {
            return;
          }
          done = true;
          if (ws != null) {
            ws.close();
          } else if (socket != null) {
            socket.end();
          } else if (!response.ended() && !response.closed()) {
            response.end();
          }
        });
  }

  @Override
  public boolean isClosed() {
    return done;
  }

  private void fireInputEnd() {
    if (!inputEnded) {
      inputEnded = true;
      inputEnd.run();
    }
  }

  private void fireClosed() {
    done = true;
    fireInputEnd();
    if (!closeFired) {
      closeFired = true;
      closed.run();
    }
  }
}
