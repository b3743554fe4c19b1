package dev.berth.gateway.live;

import dev.berth.gateway.hosts.EngineRequest;
import dev.berth.gateway.resources.EngineCalls;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pushes a host summary every two seconds: one-shot stats of every running container, with
 * CPU % computed against this poller's previous sample of the same container (a one-shot
 * sample carries no precpu_stats). A round starts only when the last one has finished.
 */
final class HostStatsPoller {
  static final long INTERVAL_MS = 2000;

  private final Vertx vertx;
  private final EngineCalls engine;
  private final LiveSocket socket;
  private final String hostId;
  private final Map<String, JsonObject> previousCpu = new HashMap<>();
  private long timer = -1;

  HostStatsPoller(Vertx vertx, EngineCalls engine, LiveSocket socket, String hostId) {
    this.vertx = vertx;
    this.engine = engine;
    this.socket = socket;
    this.hostId = hostId;
  }

  void start(LiveSettings settings) {
    socket.onClose(() -> vertx.cancelTimer(timer));
    socket.start(settings.heartbeat(), null, message ->
        socket.send(LiveSocket.error("this channel only takes {\"type\":\"ping\"}")));
    round();
  }

  private void round() {
    if (socket.isClosed()) {
      return;
    }
    engine.array(hostId, EngineRequest.get("/containers/json")).compose(this::sampleAll).onComplete(ar -> {
      if (socket.isClosed()) {
        return;
      }
      if (ar.succeeded()) {
        socket.send(ar.result());
      } else {
        socket.send(LiveSocket.error("cannot read stats of " + hostId + ": " + ar.cause().getMessage()));
      }
      timer = vertx.setTimer(INTERVAL_MS, t -> round());
    });
  }

  private Future<JsonObject> sampleAll(JsonArray running) {
    List<Future<JsonObject>> samples = new ArrayList<>();
    for (Object o : running) {
      JsonObject container = (JsonObject) o;
      String id = container.getString("Id");
      JsonArray names = container.getJsonArray("Names", new JsonArray());
      String name = names.isEmpty() ? id : names.getString(0).replaceFirst("^/", "");
      samples.add(engine.object(hostId, EngineRequest.get("/containers/" + id + "/stats")
              .param("stream", "false").param("one-shot", "true"))
          .map(raw -> {
            JsonObject computed = StatsMath.compute(raw, previousCpu.get(id));
            previousCpu.put(id, raw.getJsonObject("cpu_stats", new JsonObject()));
            return new JsonObject().put("id", id).put("name", name)
                .put("cpuPercent", computed.getDouble("cpuPercent"))
                .put("memoryUsage", computed.getLong("memoryUsage"))
                .put("memoryLimit", computed.getLong("memoryLimit"));
          })
          // a container that stopped between the list and its sample is left out
          .otherwise((JsonObject) null));
    }
    return Future.join(samples).map(done -> {
      JsonArray containers = new JsonArray();
      double cpu = 0;
      long memory = 0;
      for (Future<JsonObject> f : samples) {
        JsonObject c = f.result();
        if (c != null) {
          containers.add(c);
          cpu += c.getDouble("cpuPercent");
          memory += c.getLong("memoryUsage");
        }
      }
      previousCpu.keySet().retainAll(containers.stream().map(c -> ((JsonObject) c).getString("id")).toList());
      return new JsonObject().put("type", "summary").put("containers", containers)
          .put("cpuPercent", Math.round(cpu * 100.0) / 100.0).put("memoryUsage", memory);
    });
  }
}
