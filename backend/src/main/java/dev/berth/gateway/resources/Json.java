package dev.berth.gateway.resources;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Engine JSON often says null where it means empty ("Labels": null): read both as empty. */
final class Json {

  private Json() {
  }

  static JsonArray array(JsonObject obj, String key) {
    return obj.getValue(key) instanceof JsonArray a ? a : new JsonArray();
  }

  static JsonObject object(JsonObject obj, String key) {
    return obj.getValue(key) instanceof JsonObject o ? o : new JsonObject();
  }
}
