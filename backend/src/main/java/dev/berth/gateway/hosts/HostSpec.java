package dev.berth.gateway.hosts;

import dev.berth.gateway.http.ApiError;
import dev.berth.gateway.policy.PolicySettings;
import io.vertx.core.json.JsonObject;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads host bodies: POST {id?, name, url, tls?: {ca, cert, key}, labels?, policy?} and
 * PATCH with any subset of name, url, tls (null removes it), labels, policy.
 */
final class HostSpec {

  private static final Set<String> FIELDS = Set.of("id", "name", "url", "tls", "labels", "policy");
  private static final int MAX_LABELS = 64;

  private HostSpec() {
  }

  static HostRecord forCreate(JsonObject body, long now) {
    checkFields(body, FIELDS);
    String name = string(body, "name", 200);
    String id = body.getValue("id") != null ? string(body, "id", 63) : slug(name);
    if (id == null) {
      throw ApiError.badRequest("name (or id) is required");
    }
    if (!HostRegistry.ID.matcher(id).matches()) {
      throw ApiError.badRequest("id must be lower-case letters, digits and '-' (at most 63), got: " + id);
    }
    HostConnection connection = connection(string(body, "url", 300), tls(body.getValue("tls")));
    return new HostRecord(id, name == null ? id : name, connection, labels(body.getValue("labels")),
        policy(body.getValue("policy"), PolicySettings.ALL), now);
  }

  /** True when the body touches the connection (url or tls), which only global admins may change. */
  static boolean changesConnection(JsonObject body) {
    return body.containsKey("url") || body.containsKey("tls");
  }

  static HostRecord forPatch(HostRecord current, JsonObject body) {
    checkFields(body, Set.of("name", "url", "tls", "labels", "policy"));
    String name = body.containsKey("name") ? string(body, "name", 200) : current.name();
    if (name == null) {
      throw ApiError.badRequest("name cannot be removed");
    }
    HostConnection connection = current.connection();
    if (changesConnection(body)) {
      String url = body.containsKey("url") ? string(body, "url", 300) : current.connection().url().toString();
      TlsMaterial tls = body.containsKey("tls") ? tls(body.getValue("tls")) : current.connection().tls();
      connection = connection(url, tls);
    }
    Map<String, String> labels = body.containsKey("labels") ? labels(body.getValue("labels")) : current.labels();
    PolicySettings policy = body.containsKey("policy") ? policy(body.getValue("policy"), current.policy())
        : current.policy();
    return new HostRecord(current.id(), name, connection, labels, policy, current.createdAt());
  }

  private static HostConnection connection(String url, TlsMaterial tls) {
    try {
      HostConnection connection = HostConnection.parse(url, tls);
      if (tls != null) {
        tls.sslConfig();
      }
      return connection;
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest(e.getMessage());
    }
  }

  private static TlsMaterial tls(Object value) {
    if (value == null) {
      return null;
    }
    if (!(value instanceof JsonObject t)) {
      throw ApiError.badRequest("tls must be an object {ca, cert, key} of PEM text");
    }
    checkFields(t, Set.of("ca", "cert", "key"));
    try {
      return new TlsMaterial(string(t, "ca", 20000), string(t, "cert", 20000), string(t, "key", 20000));
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest(e.getMessage());
    }
  }

  private static Map<String, String> labels(Object value) {
    if (value == null) {
      return Map.of();
    }
    if (!(value instanceof JsonObject map) || map.size() > MAX_LABELS) {
      throw ApiError.badRequest("labels must be an object of at most " + MAX_LABELS + " strings");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : map) {
      if (!(e.getValue() instanceof String v) || e.getKey().isEmpty() || e.getKey().length() > 100 || v.length() > 500) {
        throw ApiError.badRequest("label " + e.getKey() + " must be a string (keys up to 100, values up to 500 characters)");
      }
      out.put(e.getKey(), v);
    }
    return out;
  }

  private static PolicySettings policy(Object value, PolicySettings base) {
    if (value == null) {
      return base;
    }
    if (!(value instanceof JsonObject json)) {
      throw ApiError.badRequest("policy must be an object of rule: true|false");
    }
    try {
      return PolicySettings.fromJson(json, base);
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest(e.getMessage());
    }
  }

  private static String string(JsonObject body, String field, int max) {
    Object v = body.getValue(field);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s) || s.isBlank() || s.length() > max) {
      throw ApiError.badRequest(field + " must be a non-empty string of at most " + max + " characters");
    }
    return s.trim();
  }

  private static void checkFields(JsonObject body, Set<String> allowed) {
    for (String f : body.fieldNames()) {
      if (!allowed.contains(f)) {
        throw ApiError.badRequest("unknown field: " + f + " (allowed: " + allowed + ")");
      }
    }
  }

  /** "Build Server #2" -> "build-server-2". */
  static String slug(String name) {
    if (name == null) {
      return null;
    }
    String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    if (s.length() > 63) {
      s = s.substring(0, 63).replaceAll("-+$", "");
    }
    return s.isEmpty() ? null : s;
  }
}
