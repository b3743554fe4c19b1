package dev.berth.gateway.proxy;

import dev.berth.gateway.hosts.EngineResponse;
import dev.berth.gateway.hosts.EngineSocket;
import dev.berth.gateway.hosts.EngineStream;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.core.streams.Pipe;

import java.lang.reflect.Method;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Carries engine answers back to the Docker client: streamed answers with back-pressure and
 * their headers sent at once (the CLI blocks on /wait's headers before it starts the
 * container), and hijacked connections spliced both ways, half-close included.
 */
final class EngineRelay {

  /** Hop-by-hop headers and the gateway's own credentials never cross the proxy. */
  static final Set<String> NOT_FORWARDED = Set.of("host", "connection", "upgrade", "keep-alive", "proxy-connection",
      "te", "trailer", "transfer-encoding", "content-length", "expect", "x-api-key", "authorization",
      "proxy-authorization", "cookie", "accept-encoding");
  private static final Set<String> NOT_RETURNED = Set.of("connection", "upgrade", "keep-alive", "transfer-encoding",
      "trailer", "content-length");
  /** Unacknowledged stdin chunks before the client socket is paused. */
  private static final int MAX_STDIN_IN_FLIGHT = 4;

  private EngineRelay() {
  }

  /** Writes a Docker-style error ({"message": ...}), which the CLI prints as is. */
  static void error(HttpServerRequest request, int status, String message) {
    HttpServerResponse response = request.response();
    if (response.headWritten()) {
      request.connection().close();
      return;
    }
    if (!request.isEnded()) {
      // an unread body (a refused build context) is not worth receiving
      response.putHeader("Connection", "close");
      request.resume();
    }
    response.setStatusCode(status).putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("message", message).encode());
  }

  /** Sends a complete engine answer as it came. */
  static void reply(HttpServerRequest request, EngineResponse answer) {
    HttpServerResponse response = request.response();
    response.setStatusCode(answer.status());
    answer.headers().forEach((name, value) -> {
      if (!NOT_RETURNED.contains(name)) {
        response.putHeader(name, value);
      }
    });
    if (!answer.headers().containsKey("content-encoding")) {
      response.putHeader("Content-Encoding", "identity");
    }
    if (request.method() == HttpMethod.HEAD) {
      response.putHeader("Content-Length", answer.headers().getOrDefault("content-length", "0")).end();
    } else {
      response.end(answer.body());
    }
  }

  /** Sends the engine's status, headers and streamed body; releases the engine stream at the end. */
  static void relay(HttpServerRequest request, EngineStream answer) {
    HttpServerResponse response = request.response();
    if (response.closed()) {
      answer.close();
      return;
    }
    response.setStatusCode(answer.status());
    answer.headers().forEach((name, value) -> {
      if (!NOT_RETURNED.contains(name)) {
        response.putHeader(name, value);
      }
    });
    // the engine does not compress its streams, and compressing would delay each event and log line
    if (!answer.headers().containsKey("content-encoding")) {
      response.putHeader("Content-Encoding", "identity");
    }
    String length = answer.headers().get("content-length");
    if (request.method() == HttpMethod.HEAD || answer.status() == 204 || answer.status() == 304) {
      if (length != null && request.method() == HttpMethod.HEAD) {
        response.putHeader("Content-Length", length);
      }
      // read the empty body to its end, so the engine connection goes back to the pool
      answer.body().exceptionHandler(e -> answer.close()).endHandler(v -> answer.close()).handler(ignored -> { });
      response.end();
      return;
    }
    response.closeHandler(v -> answer.close());
    if (length != null) {
      response.putHeader("Content-Length", length);
    } else {
      response.setChunked(true);
      response.writeHead();
    }
    Pipe<Buffer> pipe = answer.body().pipe();
    pipe.endOnFailure(false);
    pipe.to(response).onComplete(done -> {
      answer.close();
      if (done.failed() && !response.closed()) {
        // the engine broke off mid-stream: a clean end would look like a complete answer
        request.connection().close();
      }
    });
  }

  /**
   * Answers 101 to the client and splices its connection with the engine's hijacked one. A
   * WebSocket (attach/ws) gets the engine's handshake answer, and its frames cross unread.
   */
  static Future<Void> splice(HttpServerRequest request, EngineSocket engine) {
    HttpServerResponse response = request.response();
    if ("websocket".equalsIgnoreCase(engine.headers().get("upgrade"))) {
      engine.headers().forEach((name, value) -> {
        if (name.startsWith("sec-websocket-")) {
          response.putHeader(name, value);
        }
      });
      response.putHeader("Upgrade", "websocket");
    } else {
      response.putHeader("Content-Type",
          engine.headers().getOrDefault("content-type", "application/vnd.docker.raw-stream"));
      response.putHeader("Upgrade", "tcp");
    }
    response.putHeader("Connection", "Upgrade");
    allowHalfClose(request.connection());
    return upgrade(request).onFailure(e -> engine.close()).onSuccess(client -> {
      engine.body().pipeTo(client).onComplete(done -> engine.close());
      feedStdin(client, engine);
    }).mapEmpty();
  }

  private static void feedStdin(NetSocket client, EngineSocket engine) {
    int[] inFlight = {0};
    boolean[] stdinClosed = {false};
    Runnable closeStdin = () -> {
      if (!stdinClosed[0]) {
        stdinClosed[0] = true;
        engine.closeWrite();
      }
    };
    client.handler(data -> {
      if (++inFlight[0] >= MAX_STDIN_IN_FLIGHT) {
        client.pause();
      }
      engine.write(data).onComplete(written -> {
        if (--inFlight[0] < MAX_STDIN_IN_FLIGHT) {
          client.resume();
        }
      });
    });
    // the CLI half-closes at stdin EOF: pass it on as EOF, and keep the output flowing
    if (client instanceof NetSocketInternal internal) {
      internal.eventHandler(event -> {
        if (event instanceof ChannelInputShutdownEvent) {
          closeStdin.run();
        }
      });
    }
    client.endHandler(v -> closeStdin.run());
    client.closeHandler(v -> engine.close());
  }

  /**
   * Netty closes a connection whose peer half-closes unless told otherwise; Vert.x has no public
   * switch for it, so it is set on the channel under the HTTP connection before the upgrade.
   */
  private static void allowHalfClose(HttpConnection connection) {
    if (connection instanceof ConnectionBase base) {
      base.channel().config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
    }
  }

  /**
   * toNetSocket() only upgrades GET requests, but Docker hijacks POSTs (exec start, attach). The
   * response's own upgrade step takes the method as a parameter, so it is called with GET: the
   * 101 and the take-over of the connection are exactly what toNetSocket() does.
   */
  @SuppressWarnings("unchecked")
  private static Future<NetSocket> upgrade(HttpServerRequest request) {
    HttpServerResponse response = request.response();
    try {
      Method netSocket = response.getClass().getDeclaredMethod("netSocket", HttpMethod.class, MultiMap.class);
      netSocket.setAccessible(true);
      return (Future<NetSocket>) netSocket.invoke(response, HttpMethod.GET, request.headers());
    } catch (ReflectiveOperationException | RuntimeException e) {
      return request.toNetSocket();
    }
  }

  /**
   * A Sec-WebSocket-Protocol list without the gateway's own "bearer.<token>" entries (see
   * Authenticator), since credentials never reach the engine; null when nothing is left.
   */
  static String protocolsWithoutCredentials(String protocols) {
    StringJoiner kept = new StringJoiner(", ");
    for (String entry : protocols.split(",")) {
      String p = entry.trim();
      if (!p.isEmpty() && !p.startsWith("bearer.")) {
        kept.add(p);
      }
    }
    return kept.length() == 0 ? null : kept.toString();
  }

  /** A WebSocket handshake request (RFC 6455: GET, Upgrade: websocket, Connection: Upgrade, a key). */
  static boolean isWebSocketUpgrade(HttpServerRequest request) {
    String upgrade = request.getHeader("Upgrade");
    return request.method() == HttpMethod.GET && upgrade != null && upgrade.trim().equalsIgnoreCase("websocket")
        && asksForUpgrade(request) && request.getHeader("Sec-WebSocket-Key") != null;
  }

  /** Docker's hijack: "Upgrade: tcp" with "Connection: Upgrade". */
  static boolean isUpgrade(HttpServerRequest request) {
    String upgrade = request.getHeader("Upgrade");
    return upgrade != null && upgrade.toLowerCase(Locale.ROOT).contains("tcp") && asksForUpgrade(request);
  }

  private static boolean asksForUpgrade(HttpServerRequest request) {
    String connection = request.getHeader("Connection");
    return connection != null && connection.toLowerCase(Locale.ROOT).contains("upgrade");
  }
}
