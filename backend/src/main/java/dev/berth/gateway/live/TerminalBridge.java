package dev.berth.gateway.live;

import dev.berth.gateway.audit.AuditEntry;
import dev.berth.gateway.audit.AuditLog;
import dev.berth.gateway.hosts.EngineSocket;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.ReadStream;

/**
 * Pipes a terminal or attach session between the WebSocket and the engine's raw connection:
 * output as binary frames (the engine read pauses while the socket's write queue is full),
 * input from {type:"input"} or binary frames, resizes to the engine, and the exit status at
 * the end. Writes the audit entries for the session's start and end.
 */
final class TerminalBridge {
  private static final int MAX_SIZE = 10_000;

  private final LiveSocket socket;
  private final TerminalService terminals;
  private final TerminalService.Opened opened;
  private final String hostId;
  private final String containerId;
  private final AuditLog audit;
  private final String kind;
  private final long startedAt = System.currentTimeMillis();
  private volatile Integer exitCode;

  TerminalBridge(LiveSocket socket, TerminalService terminals, TerminalService.Opened opened, String hostId,
      String containerId, AuditLog audit) {
    this.socket = socket;
    this.terminals = terminals;
    this.opened = opened;
    this.hostId = hostId;
    this.containerId = containerId;
    this.audit = audit;
    this.kind = opened.exec() ? "terminal" : "attach";
  }

  void start(LiveSettings settings, String detail) {
    EngineSocket engine = opened.socket();
    ServerWebSocket ws = socket.ws;
    record(kind + ".open", detail);
    socket.onClose(() -> {
      engine.close();
      long seconds = Math.round((System.currentTimeMillis() - startedAt) / 1000.0);
      record(kind + ".close", "duration=" + seconds + "s" + (exitCode == null ? "" : " exit=" + exitCode));
    });
    ReadStream<Buffer> output = engine.body();
    StreamFrames frames = new StreamFrames((stream, data) -> ws.writeBinaryMessage(data));
    output.handler(chunk -> {
      if (opened.multiplexed()) {
        frames.feed(chunk);
      } else {
        ws.writeBinaryMessage(chunk);
      }
      if (ws.writeQueueFull()) {
        output.pause();
        ws.drainHandler(v -> output.resume());
      }
    });
    output.exceptionHandler(e -> {
      if (!socket.isClosed()) {
        socket.fail(LiveSocket.ENGINE_ERROR, "engine connection failed: " + e.getMessage());
      }
    });
    output.endHandler(v -> ended());
    ws.binaryMessageHandler(data -> {
      socket.touch();
      engine.write(data);
    });
    socket.start(settings.heartbeat(), settings.terminalIdleTimeout(), this::message);
  }

  private void message(JsonObject message) {
    String type = message.getString("type", "");
    switch (type) {
      case "input" -> {
        Object data = message.getValue("data");
        if (data instanceof String text) {
          socket.touch();
          opened.socket().write(Buffer.buffer(text));
        } else {
          socket.send(LiveSocket.error("input needs data as a string"));
        }
      }
      case "resize" -> {
        int cols = size(message.getValue("cols"));
        int rows = size(message.getValue("rows"));
        if (cols < 0 || rows < 0) {
          socket.send(LiveSocket.error("resize needs cols and rows as whole numbers from 1 to " + MAX_SIZE));
          return;
        }
        socket.touch();
        terminals.resize(hostId, opened, cols, rows)
            .onFailure(e -> socket.send(LiveSocket.error("resize failed: " + e.getMessage())));
      }
      default -> socket.send(LiveSocket.error("unknown message type '" + type + "'; expected input, resize or ping"));
    }
  }

  /** A terminal dimension from JSON, or -1 when it is not a whole number in range. */
  private static int size(Object value) {
    long n = value instanceof Integer i ? i : value instanceof Long l ? l : -1;
    return n >= 1 && n <= MAX_SIZE ? (int) n : -1;
  }

  /** The process ended (or the container stopped): report its status, then close normally. */
  private void ended() {
    if (socket.isClosed()) {
      return;
    }
    terminals.exitCode(hostId, opened).onComplete(ar -> {
      if (ar.succeeded()) {
        exitCode = ar.result();
        socket.send(new JsonObject().put("type", "exit").put("code", exitCode))
            .onComplete(sent -> socket.close(LiveSocket.NORMAL, "process ended"));
      } else {
        socket.fail(LiveSocket.ENGINE_ERROR, "cannot read the exit status: " + ar.cause().getMessage());
      }
    });
  }

  private void record(String action, String detail) {
    LiveSocket.Session s = socket.session;
    audit.record(new AuditEntry(System.currentTimeMillis(), s.user().id(), s.user().username(), s.clientAddress(),
        hostId, action, containerId, "success", detail));
  }
}
