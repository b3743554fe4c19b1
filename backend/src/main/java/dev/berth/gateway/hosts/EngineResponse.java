package dev.berth.gateway.hosts;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.LinkedHashMap;
import java.util.Map;

/** A complete engine answer: status, headers (lower-case names) and body, as plain data. */
public record EngineResponse(int status, Map<String, String> headers, Buffer body) {

  public EngineResponse {
    headers = Map.copyOf(headers);
    body = body == null ? Buffer.buffer() : body;
  }

  public boolean ok() {
    return status >= 200 && status < 300;
  }

  public JsonObject json() {
    return body.length() == 0 ? new JsonObject() : body.toJsonObject();
  }

  public JsonArray jsonArray() {
    return body.length() == 0 ? new JsonArray() : body.toJsonArray();
  }

  /** The engine's error text: Docker answers errors as {"message": ...}. */
  public String message() {
    String text = body.toString().trim();
    if (text.startsWith("{")) {
      try {
        String m = body.toJsonObject().getString("message");
        if (m != null) {
          return m;
        }
      } catch (RuntimeException ignored) {
        // not JSON after all: fall back to the raw text
      }
    }
    return text.isEmpty() ? "engine answered " + status : text;
  }

  public JsonObject toJson() {
    return new JsonObject().put("status", status)
        .put("headers", new JsonObject(new LinkedHashMap<>(headers)))
        .put("body", body.getBytes());
  }

  public static EngineResponse fromJson(JsonObject json) {
    Map<String, String> h = new LinkedHashMap<>();
    json.getJsonObject("headers", new JsonObject()).forEach(e -> h.put(e.getKey(), String.valueOf(e.getValue())));
    return new EngineResponse(json.getInteger("status"), h, Buffer.buffer(json.getBinary("body")));
  }
}
