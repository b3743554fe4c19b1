package dev.berth.gateway.live;

import dev.berth.gateway.auth.AuthUser;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * An accepted live WebSocket and what every channel shares: JSON envelopes, server ping frames,
 * the client's {type:"ping"}, an optional idle timeout, and the periodic credential re-check
 * (a revoked or expired token closes the socket with 1008).
 */
final class LiveSocket {
  static final short NORMAL = 1000;
  static final short POLICY = 1008;
  static final short ENGINE_ERROR = 1011;
  static final short TRY_AGAIN = 1013;

  /** The caller behind a socket; credentialProblem answers null while the credential still holds. */
  record Session(AuthUser user, String clientAddress, Supplier<String> credentialProblem) {}

  private final Vertx vertx;
  final ServerWebSocket ws;
  final Session session;
  private final List<Runnable> onClose = new ArrayList<>();
  private volatile long lastInput = System.nanoTime();
  private long lastPing = System.nanoTime();
  private volatile boolean closed;
  private long timer = -1;

  LiveSocket(Vertx vertx, ServerWebSocket ws, Session session) {
    this.vertx = vertx;
    this.ws = ws;
    this.session = session;
    ws.closeHandler(v -> closed());
  }

  /**
   * Starts heartbeats and checks; client JSON other than ping goes to {@code messages}.
   *
   * @param idleTimeout null for channels where the client only listens
   */
  void start(Duration heartbeat, Duration idleTimeout, Consumer<JsonObject> messages) {
    ws.textMessageHandler(text -> {
      JsonObject message;
      try {
        message = new JsonObject(text);
      } catch (DecodeException e) {
        send(error("messages are JSON objects such as {\"type\":\"ping\"}"));
        return;
      }
      if ("ping".equals(message.getString("type"))) {
        send(new JsonObject().put("type", "pong"));
      } else {
        messages.accept(message);
      }
    });
    long tick = Math.max(200, Math.min(heartbeat.toMillis(), 5000));
    timer = vertx.setPeriodic(tick, id -> tick(heartbeat, idleTimeout));
  }

  private void tick(Duration heartbeat, Duration idleTimeout) {
    if (closed) {
      return;
    }
    String problem = session.credentialProblem().get();
    if (problem != null) {
      send(error(problem)).onComplete(ar -> close(POLICY, "credential no longer valid"));
      return;
    }
    long now = System.nanoTime();
    if (idleTimeout != null && now - lastInput >= idleTimeout.toNanos()) {
      send(error("idle timeout")).onComplete(ar -> close(NORMAL, "idle timeout"));
      return;
    }
    if (now - lastPing >= heartbeat.toNanos()) {
      lastPing = now;
      ws.writePing(Buffer.buffer("berth"));
    }
  }

  /** Client input arrived: the idle clock restarts. */
  void touch() {
    lastInput = System.nanoTime();
  }

  Future<Void> send(JsonObject message) {
    return sendText(message.encode());
  }

  Future<Void> sendText(String text) {
    if (closed) {
      return Future.succeededFuture();
    }
    return ws.writeTextMessage(text);
  }

  static JsonObject error(String message) {
    return new JsonObject().put("type", "error").put("message", message);
  }

  /** Sends an error, then closes with the given code. */
  void fail(short code, String message) {
    send(error(message)).onComplete(ar -> close(code, code == ENGINE_ERROR ? "engine error" : message));
  }

  void close(short code, String reason) {
    if (!closed) {
      // close reasons are limited to 123 bytes
      ws.close(code, reason.length() > 100 ? reason.substring(0, 100) : reason);
    }
  }

  boolean isClosed() {
    return closed;
  }

  /** Runs once the socket is closed, whoever closed it. */
  synchronized void onClose(Runnable action) {
    if (closed) {
      action.run();
    } else {
      onClose.add(action);
    }
  }

  private void closed() {
    List<Runnable> actions;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      actions = List.copyOf(onClose);
      onClose.clear();
    }
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    actions.forEach(Runnable::run);
  }
}
