package dev.berth.engine.events;

import io.vertx.core.json.JsonObject;
import java.util.Map;

/** One engine event, rendered in Docker's /events message shape. */
public record Event(
    String type, String action, String actorId, Map<String, String> attributes, long timeNano) {

  public JsonObject toJson() {
    JsonObject attrs = new JsonObject();
    attributes.forEach(attrs::put);
    JsonObject json = new JsonObject();
    // "status", "id" and "from" are the pre-1.22 fields that docker-compose 1.x still reads
    if (type.equals("container") || type.equals("image")) {
      json.put("status", action).put("id", actorId);
      String from = attributes.get("image");
      if (type.equals("container") && from != null) {
        json.put("from", from);
      }
    }
    return json.put("Type", type)
        .put("Action", action)
        .put("Actor", new JsonObject().put("ID", actorId).put("Attributes", attrs))
        .put("scope", "local")
        .put("time", timeNano / 1_000_000_000L)
        .put("timeNano", timeNano);
  }
}
