package dev.berth.gateway.live;

import dev.berth.gateway.hosts.EngineStream;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * Pushes one container's stats: the engine streams a raw sample about every second, each is
 * turned into the `docker stats` numbers. A sample that finds the socket's write queue full is
 * dropped: the next one is more useful than a backlog.
 */
final class StatsStreamer {
  private final LiveSocket socket;
  private final EngineStream stream;

  StatsStreamer(LiveSocket socket, EngineStream stream) {
    this.socket = socket;
    this.stream = stream;
  }

  void start(LiveSettings settings) {
    socket.onClose(stream::close);
    LineSplitter lines = new LineSplitter(1 << 20, this::sample);
    stream.body().handler(lines::feed);
    stream.body().exceptionHandler(e -> {
      if (!socket.isClosed()) {
        socket.fail(LiveSocket.ENGINE_ERROR, "stats stream failed: " + e.getMessage());
      }
    });
    stream.body().endHandler(v -> socket.send(new JsonObject().put("type", "end"))
        .onComplete(ar -> socket.close(LiveSocket.NORMAL, "stats stream ended")));
    socket.start(settings.heartbeat(), null, message ->
        socket.send(LiveSocket.error("this channel only takes {\"type\":\"ping\"}")));
  }

  private void sample(String line) {
    if (line.isBlank() || socket.ws.writeQueueFull()) {
      return;
    }
    try {
      socket.send(StatsMath.compute(new JsonObject(line), null));
    } catch (DecodeException | ClassCastException e) {
      socket.send(LiveSocket.error("the engine sent stats that are not JSON"));
    }
  }
}
