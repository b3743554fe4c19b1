package dev.berth.gateway.hosts;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * One Docker Engine API call, as plain data so it can cross the clustered event bus
 * (toJson/fromJson) to the gateway node that owns the host. The path is unversioned
 * ("/containers/json"); the access layer adds the API version prefix.
 */
public record EngineRequest(String method, String path, Map<String, String> query,
                            Map<String, String> headers, Buffer body) {

  public EngineRequest {
    query = Map.copyOf(query);
    headers = Map.copyOf(headers);
  }

  public static EngineRequest get(String path) {
    return new EngineRequest("GET", path, Map.of(), Map.of(), null);
  }

  public static EngineRequest delete(String path) {
    return new EngineRequest("DELETE", path, Map.of(), Map.of(), null);
  }

  public static EngineRequest post(String path) {
    return new EngineRequest("POST", path, Map.of(), Map.of(), null);
  }

  public static EngineRequest post(String path, JsonObject json) {
    return new EngineRequest("POST", path, Map.of(), Map.of("Content-Type", "application/json"),
        json.toBuffer());
  }

  /** A copy with one more query parameter; null values are left out. */
  public EngineRequest param(String name, Object value) {
    if (value == null) {
      return this;
    }
    Map<String, String> q = new LinkedHashMap<>(query);
    q.put(name, value.toString());
    return new EngineRequest(method, path, q, headers, body);
  }

  public EngineRequest header(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name, value);
    return new EngineRequest(method, path, query, h, body);
  }

  /** Path plus encoded query string, as sent on the wire. */
  public String pathAndQuery() {
    if (query.isEmpty()) {
      return path;
    }
    StringJoiner joined = new StringJoiner("&", path + "?", "");
    query.forEach((k, v) -> joined.add(enc(k) + "=" + enc(v)));
    return joined.toString();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("method", method).put("path", path)
        .put("query", new JsonObject(new LinkedHashMap<>(query)))
        .put("headers", new JsonObject(new LinkedHashMap<>(headers)));
    if (body != null) {
      json.put("body", body.getBytes());
    }
    return json;
  }

  public static EngineRequest fromJson(JsonObject json) {
    Map<String, String> q = new LinkedHashMap<>();
    json.getJsonObject("query", new JsonObject()).forEach(e -> q.put(e.getKey(), String.valueOf(e.getValue())));
    Map<String, String> h = new LinkedHashMap<>();
    json.getJsonObject("headers", new JsonObject()).forEach(e -> h.put(e.getKey(), String.valueOf(e.getValue())));
    byte[] body = json.getBinary("body");
    return new EngineRequest(json.getString("method"), json.getString("path"), q, h,
        body == null ? null : Buffer.buffer(body));
  }

  /** Docker's filters parameter: {"key":["v1","v2"]} as JSON text. */
  public static String filters(Map<String, ? extends Iterable<String>> filters) {
    JsonObject json = new JsonObject();
    filters.forEach((k, values) -> {
      JsonArray arr = new JsonArray();
      values.forEach(arr::add);
      if (!arr.isEmpty()) {
        json.put(k, arr);
      }
    });
    return json.isEmpty() ? null : json.encode();
  }
}
