package dev.berth.engine.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.berth.engine.errors.EngineException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Small helpers that every router shares: reading JSON bodies and query values, writing JSON. */
public final class Http {

  /** Docker's JSON uses PascalCase field names; models declare them with @JsonProperty. */
  public static final ObjectMapper MAPPER =
      new ObjectMapper()
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
          .configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false);

  /** Vert.x JSON to bytes with Jackson's streaming generator, without databind (see {@link #encode}). */
  private static final io.vertx.core.json.jackson.JacksonCodec STREAMING = new io.vertx.core.json.jackson.JacksonCodec();

  private Http() {}

  /** Writes a value as JSON with the given status. */
  public static void json(RoutingContext ctx, int status, Object body) {
    io.vertx.core.buffer.Buffer bytes;
    try {
      bytes =
          body instanceof JsonObject || body instanceof io.vertx.core.json.JsonArray
              ? encode(body)
              : io.vertx.core.buffer.Buffer.buffer(MAPPER.writeValueAsBytes(body));
    } catch (Exception e) {
      ctx.fail(e);
      return;
    }
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .end(bytes.appendByte((byte) '\n'));
  }

  /**
   * Straight to UTF-8 bytes with Jackson's streaming generator: Vert.x's default codec goes
   * through databind (a serializer lookup per value) and a String, which made encoding the list
   * of 500 containers (300 KB) most of its answer time. Values only databind can map fall back.
   */
  private static io.vertx.core.buffer.Buffer encode(Object json) {
    try {
      return STREAMING.toBuffer(json, false);
    } catch (io.vertx.core.json.EncodeException e) {
      return json instanceof JsonObject jo ? jo.toBuffer() : ((io.vertx.core.json.JsonArray) json).toBuffer();
    }
  }

  public static void noContent(RoutingContext ctx) {
    ctx.response().setStatusCode(204).end();
  }

  /**
   * The request body as a JSON object. Needs a BodyHandler on the route. An empty body gives an
   * empty object; malformed JSON is a 400.
   */
  public static JsonObject bodyJson(RoutingContext ctx) {
    String text = ctx.body() == null ? null : ctx.body().asString();
    if (text == null || text.isBlank()) {
      return new JsonObject();
    }
    JsonObject body;
    try {
      body = new JsonObject(text);
    } catch (RuntimeException e) {
      throw EngineException.invalidParameter("invalid JSON: " + e.getMessage());
    }
    return withoutNulls(body);
  }

  /**
   * Drops members whose value is null, at every depth. Go's decoder (and so Docker) reads a null
   * member as an absent one, and clients such as docker-java send every unset field as null.
   */
  static JsonObject withoutNulls(JsonObject json) {
    dropNulls(json.getMap());
    return json;
  }

  private static void dropNulls(Object value) {
    if (value instanceof JsonObject object) {
      dropNulls(object.getMap());
    } else if (value instanceof io.vertx.core.json.JsonArray array) {
      dropNulls(array.getList());
    } else if (value instanceof java.util.Map<?, ?> map) {
      map.values().removeIf(java.util.Objects::isNull);
      map.values().forEach(Http::dropNulls);
    } else if (value instanceof java.util.List<?> list) {
      list.forEach(Http::dropNulls);
    }
  }

  /** Maps the request body onto a model class (400 on malformed JSON). */
  public static <T> T body(RoutingContext ctx, Class<T> type) {
    String text = ctx.body() == null ? null : ctx.body().asString();
    try {
      if (text == null || text.isBlank()) {
        return MAPPER.readValue("{}", type);
      }
      return MAPPER.readValue(text, type);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw EngineException.invalidParameter("invalid JSON: " + e.getOriginalMessage());
    }
  }

  /** Docker's boolean query values: 1/true/True are true, 0/false/empty are false. */
  public static boolean boolParam(RoutingContext ctx, String name, boolean dflt) {
    String v = ctx.request().getParam(name);
    if (v == null) {
      return dflt;
    }
    return switch (v.toLowerCase()) {
      case "1", "true", "yes" -> true;
      case "0", "false", "no", "" -> false;
      default -> throw EngineException.invalidParameter("invalid boolean value for " + name + ": " + v);
    };
  }

  public static Integer intParam(RoutingContext ctx, String name) {
    String v = ctx.request().getParam(name);
    if (v == null || v.isEmpty()) {
      return null;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw EngineException.invalidParameter("invalid value for " + name + ": " + v);
    }
  }

  /**
   * Docker's {@code filters} query parameter: {"name":{"x":true}} or the older {"name":["x"]}.
   * Returns name → values. Malformed filters are a 400.
   */
  public static java.util.Map<String, java.util.List<String>> filters(RoutingContext ctx) {
    String raw = ctx.request().getParam("filters");
    java.util.Map<String, java.util.List<String>> out = new java.util.LinkedHashMap<>();
    if (raw == null || raw.isBlank()) {
      return out;
    }
    JsonObject parsed;
    try {
      parsed = new JsonObject(raw);
    } catch (RuntimeException e) {
      throw EngineException.invalidParameter("invalid filters: " + raw);
    }
    for (String key : parsed.fieldNames()) {
      Object v = parsed.getValue(key);
      java.util.List<String> values = new java.util.ArrayList<>();
      if (v instanceof JsonObject jo) {
        for (String k : jo.fieldNames()) {
          if (Boolean.TRUE.equals(jo.getValue(k))) {
            values.add(k);
          }
        }
      } else if (v instanceof io.vertx.core.json.JsonArray ja) {
        ja.forEach(x -> values.add(String.valueOf(x)));
      } else {
        throw EngineException.invalidParameter("invalid filter '" + key + "'");
      }
      out.put(key, values);
    }
    return out;
  }
}
