package dev.berth.gateway.live;

import dev.berth.gateway.hosts.EngineStream;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.ReadStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Forwards a followed log stream as {type:"line"} messages, stdout and stderr split apart
 * (each with its own partial line), and {type:"end"} when the container stops. While the
 * WebSocket's write queue is full the engine stream is paused, so a client that does not read
 * holds the engine back instead of growing the gateway's memory.
 */
final class LogsFollower {
  private static final int MAX_LINE = 64 * 1024;
  /** How often a follower had to pause its engine stream (observability of backpressure). */
  static final AtomicLong PAUSES = new AtomicLong();

  private final LiveSocket socket;
  private final EngineStream stream;
  private final boolean timestamps;

  LogsFollower(LiveSocket socket, EngineStream stream, boolean timestamps) {
    this.socket = socket;
    this.stream = stream;
    this.timestamps = timestamps;
  }

  /** @param multiplexed false for TTY containers, whose raw output is all "stdout" */
  void start(LiveSettings settings, boolean multiplexed) {
    ServerWebSocket ws = socket.ws;
    ReadStream<Buffer> body = stream.body();
    LineSplitter stdout = new LineSplitter(MAX_LINE, line -> line("stdout", line));
    LineSplitter stderr = new LineSplitter(MAX_LINE, line -> line("stderr", line));
    StreamFrames frames = new StreamFrames((s, data) -> (s == StreamFrames.STDERR ? stderr : stdout).feed(data));
    socket.onClose(stream::close);
    body.handler(chunk -> {
      if (multiplexed) {
        frames.feed(chunk);
      } else {
        stdout.feed(chunk);
      }
      if (ws.writeQueueFull()) {
        PAUSES.incrementAndGet();
        body.pause();
        ws.drainHandler(v -> body.resume());
      }
    });
    body.exceptionHandler(e -> {
      if (!socket.isClosed()) {
        socket.fail(LiveSocket.ENGINE_ERROR, "log stream failed: " + e.getMessage());
      }
    });
    body.endHandler(v -> {
      stdout.flush();
      stderr.flush();
      socket.send(new JsonObject().put("type", "end")).onComplete(ar -> socket.close(LiveSocket.NORMAL, "container stopped"));
    });
    socket.start(settings.heartbeat(), null, message ->
        socket.send(LiveSocket.error("this channel only takes {\"type\":\"ping\"}")));
  }

  private void line(String streamName, String raw) {
    String time = null;
    String text = raw;
    if (timestamps) {
      int space = raw.indexOf(' ');
      if (space > 0) {
        time = raw.substring(0, space);
        text = raw.substring(space + 1);
      }
    }
    socket.send(new JsonObject().put("type", "line").put("stream", streamName).put("text", text).put("time", time));
  }
}
