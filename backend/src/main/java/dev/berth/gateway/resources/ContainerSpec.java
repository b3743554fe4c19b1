package dev.berth.gateway.resources;

import dev.berth.gateway.http.ApiError;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The compact container spec of POST /api/hosts/{id}/containers, translated to a Docker
 * POST /containers/create body:
 * <pre>
 * {"name": "web", "image": "busybox:latest", "cmd": ["httpd", "-f"],
 *  "env": {"K": "V"} or ["K=V"], "labels": {"k": "v"}, "network": "bridge",
 *  "ports": [{"container": 80, "host": 8080, "protocol": "tcp", "hostIp": "127.0.0.1"}],
 *  "volumes": [{"source": "data", "target": "/data", "readOnly": false}],
 *  "restartPolicy": "no" | "always" | "unless-stopped" | "on-failure[:N]"}
 * </pre>
 * A volume source starting with "/" is a bind mount of a host path; otherwise it names a
 * volume (created on demand), and no source means an anonymous volume.
 */
public final class ContainerSpec {

  private static final Set<String> FIELDS = Set.of("name", "image", "cmd", "env", "labels", "network", "ports",
      "volumes", "restartPolicy");
  private static final Set<String> PORT_FIELDS = Set.of("container", "host", "protocol", "hostIp");
  private static final Set<String> VOLUME_FIELDS = Set.of("source", "target", "readOnly");
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}");
  private static final Pattern ENV_KEY = Pattern.compile("[^=\\s]+");
  private static final Pattern RESTART = Pattern.compile("no|always|unless-stopped|on-failure(:[0-9]{1,4})?");

  private ContainerSpec() {
  }

  /** The container name asked for, or null; validated. */
  public static String name(JsonObject spec) {
    Object name = spec.getValue("name");
    if (name == null) {
      return null;
    }
    if (!(name instanceof String s) || !NAME.matcher(s).matches()) {
      throw ApiError.badRequest("name must match [a-zA-Z0-9][a-zA-Z0-9_.-]* (at most 128 characters)");
    }
    return s;
  }

  /** Validates a spec and builds the engine's create body; a bad field is a 400 naming it. */
  public static JsonObject toCreateBody(JsonObject spec) {
    for (String field : spec.fieldNames()) {
      if (!FIELDS.contains(field)) {
        throw ApiError.badRequest("unknown field in container spec: " + field + " (allowed: " + FIELDS + ")");
      }
    }
    name(spec);
    JsonObject body = new JsonObject();
    JsonObject hostConfig = new JsonObject();
    Object image = spec.getValue("image");
    if (!(image instanceof String img) || img.isBlank() || img.length() > 512) {
      throw ApiError.badRequest("image is required (e.g. \"busybox:latest\")");
    }
    body.put("Image", img);
    if (spec.getValue("cmd") != null) {
      body.put("Cmd", stringArray(spec.getValue("cmd"), "cmd"));
    }
    if (spec.getValue("env") != null) {
      body.put("Env", env(spec.getValue("env")));
    }
    if (spec.getValue("labels") != null) {
      body.put("Labels", stringMap(spec.getValue("labels"), "labels"));
    }
    if (spec.getValue("ports") != null) {
      ports(spec.getValue("ports"), body, hostConfig);
    }
    if (spec.getValue("volumes") != null) {
      hostConfig.put("Mounts", mounts(spec.getValue("volumes")));
    }
    if (spec.getValue("network") != null) {
      Object network = spec.getValue("network");
      if (!(network instanceof String n) || n.isBlank()) {
        throw ApiError.badRequest("network must be a network name or id");
      }
      hostConfig.put("NetworkMode", n);
    }
    if (spec.getValue("restartPolicy") != null) {
      hostConfig.put("RestartPolicy", restartPolicy(spec.getValue("restartPolicy")));
    }
    body.put("HostConfig", hostConfig);
    return body;
  }

  private static JsonArray env(Object value) {
    JsonArray out = new JsonArray();
    if (value instanceof JsonObject map) {
      for (Map.Entry<String, Object> e : map) {
        if (!ENV_KEY.matcher(e.getKey()).matches()) {
          throw ApiError.badRequest("env name is not valid: '" + e.getKey() + "'");
        }
        if (!(e.getValue() instanceof String) && !(e.getValue() instanceof Number) && !(e.getValue() instanceof Boolean)) {
          throw ApiError.badRequest("env." + e.getKey() + " must be a string");
        }
        out.add(e.getKey() + "=" + e.getValue());
      }
      return out;
    }
    for (Object item : stringArray(value, "env")) {
      String s = (String) item;
      int eq = s.indexOf('=');
      if (eq <= 0 || !ENV_KEY.matcher(s.substring(0, eq)).matches()) {
        throw ApiError.badRequest("env entries must look like NAME=value, got: '" + s + "'");
      }
      out.add(s);
    }
    return out;
  }

  private static void ports(Object value, JsonObject body, JsonObject hostConfig) {
    if (!(value instanceof JsonArray list)) {
      throw ApiError.badRequest("ports must be a list of {container, host, protocol, hostIp}");
    }
    JsonObject exposed = new JsonObject();
    JsonObject bindings = new JsonObject();
    for (Object item : list) {
      if (!(item instanceof JsonObject p)) {
        throw ApiError.badRequest("each port must be an object {container, host, protocol, hostIp}");
      }
      for (String f : p.fieldNames()) {
        if (!PORT_FIELDS.contains(f)) {
          throw ApiError.badRequest("unknown field in ports[]: " + f);
        }
      }
      int container = port(p.getValue("container"), "ports[].container", false);
      Object protocol = p.getValue("protocol", "tcp");
      if (!"tcp".equals(protocol) && !"udp".equals(protocol) && !"sctp".equals(protocol)) {
        throw ApiError.badRequest("ports[].protocol must be tcp, udp or sctp");
      }
      String key = container + "/" + protocol;
      exposed.put(key, new JsonObject());
      if (p.getValue("host") != null || p.getValue("hostIp") != null) {
        int host = p.getValue("host") == null ? 0 : port(p.getValue("host"), "ports[].host", true);
        JsonObject binding = new JsonObject().put("HostPort", host == 0 ? "" : String.valueOf(host));
        Object hostIp = p.getValue("hostIp");
        if (hostIp != null) {
          if (!(hostIp instanceof String ip) || !ip.matches("[0-9a-fA-F.:]{2,45}")) {
            throw ApiError.badRequest("ports[].hostIp must be an IP address");
          }
          binding.put("HostIp", ip);
        }
        JsonArray forKey = bindings.getJsonArray(key, new JsonArray());
        bindings.put(key, forKey.add(binding));
      }
    }
    body.put("ExposedPorts", exposed);
    if (!bindings.isEmpty()) {
      hostConfig.put("PortBindings", bindings);
    }
  }

  private static int port(Object value, String field, boolean zeroAllowed) {
    if (!(value instanceof Integer n) || n < (zeroAllowed ? 0 : 1) || n > 65535) {
      throw ApiError.badRequest(field + " must be a port number (1-65535)");
    }
    return n;
  }

  private static JsonArray mounts(Object value) {
    if (!(value instanceof JsonArray list)) {
      throw ApiError.badRequest("volumes must be a list of {source, target, readOnly}");
    }
    JsonArray out = new JsonArray();
    for (Object item : list) {
      if (!(item instanceof JsonObject v)) {
        throw ApiError.badRequest("each volume must be an object {source, target, readOnly}");
      }
      for (String f : v.fieldNames()) {
        if (!VOLUME_FIELDS.contains(f)) {
          throw ApiError.badRequest("unknown field in volumes[]: " + f);
        }
      }
      Object target = v.getValue("target");
      if (!(target instanceof String t) || !t.startsWith("/")) {
        throw ApiError.badRequest("volumes[].target must be an absolute path in the container");
      }
      Object source = v.getValue("source");
      if (source != null && (!(source instanceof String s) || s.isBlank())) {
        throw ApiError.badRequest("volumes[].source must be a volume name or an absolute host path");
      }
      Object readOnly = v.getValue("readOnly", false);
      if (!(readOnly instanceof Boolean)) {
        throw ApiError.badRequest("volumes[].readOnly must be true or false");
      }
      JsonObject mount = new JsonObject().put("Target", t)
          .put("Type", source != null && ((String) source).startsWith("/") ? "bind" : "volume")
          .put("ReadOnly", readOnly);
      if (source != null) {
        mount.put("Source", source);
      }
      out.add(mount);
    }
    return out;
  }

  private static JsonObject restartPolicy(Object value) {
    if (!(value instanceof String s) || !RESTART.matcher(s).matches()) {
      throw ApiError.badRequest("restartPolicy must be no, always, unless-stopped or on-failure[:N]");
    }
    int colon = s.indexOf(':');
    JsonObject policy = new JsonObject().put("Name", colon < 0 ? s : s.substring(0, colon));
    if (colon > 0) {
      policy.put("MaximumRetryCount", Integer.parseInt(s.substring(colon + 1)));
    }
    return policy;
  }

  private static JsonArray stringArray(Object value, String field) {
    if (!(value instanceof JsonArray arr) || arr.stream().anyMatch(o -> !(o instanceof String))) {
      throw ApiError.badRequest(field + " must be a list of strings");
    }
    return arr.copy();
  }

  private static JsonObject stringMap(Object value, String field) {
    if (!(value instanceof JsonObject map) || map.stream().anyMatch(e -> !(e.getValue() instanceof String))) {
      throw ApiError.badRequest(field + " must be an object of strings");
    }
    return map.copy();
  }
}
