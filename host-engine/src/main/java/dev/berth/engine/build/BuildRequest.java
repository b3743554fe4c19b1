package dev.berth.engine.build;

import dev.berth.engine.errors.EngineException;
import dev.berth.engine.images.Reference;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** POST /build's query, validated before the context is read (400 on anything wrong). */
record BuildRequest(String dockerfile, List<Reference> tags, Map<String, String> buildArgs, Map<String, String> labels,
    boolean noCache, boolean rm, boolean forceRm, String target, boolean quiet, String networkMode) {

  static BuildRequest parse(String dockerfile, List<String> tags, String buildArgs, String labels, boolean noCache,
      boolean rm, boolean forceRm, String target, boolean quiet, String networkMode, String remote) {
    if (remote != null && !remote.isEmpty()) {
      throw EngineException.invalidParameter("remote build contexts are not supported by Berth's builder: send the context as the body");
    }
    List<Reference> refs = new ArrayList<>();
    for (String t : tags) {
      if (t.isEmpty()) {
        continue;
      }
      Reference r;
      try {
        r = Reference.parse(t);
      } catch (EngineException e) {
        throw EngineException.invalidParameter(e.getMessage());
      }
      if (r.digest() != null) {
        throw EngineException.invalidParameter("refusing to create a tag with a digest reference");
      }
      refs.add(r.withDefaultTag());
    }
    String mode = networkMode == null || networkMode.isEmpty() ? "default" : networkMode;
    if (!List.of("default", "bridge", "host", "none").contains(mode)) {
      throw EngineException.invalidParameter("network mode not supported by Berth's builder: " + mode);
    }
    return new BuildRequest(dockerfile, refs, stringMap("buildargs", buildArgs, true), stringMap("labels", labels, false),
        noCache, rm, forceRm, target == null ? "" : target, quiet, mode);
  }

  /** A JSON object of strings; build args may also be null (declared without a value). */
  private static Map<String, String> stringMap(String name, String json, boolean nullable) {
    Map<String, String> out = nullable ? new LinkedHashMap<>() : new TreeMap<>();
    if (json == null || json.isBlank()) {
      return out;
    }
    JsonObject o;
    try {
      o = new JsonObject(json);
    } catch (DecodeException e) {
      throw EngineException.invalidParameter("invalid " + name + ": not a JSON object of strings: " + json);
    }
    for (Map.Entry<String, Object> e : o) {
      if (e.getKey().isEmpty() || e.getKey().contains("=") || e.getKey().matches(".*\\s.*")) {
        throw EngineException.invalidParameter("invalid " + name + " name: \"" + e.getKey() + "\"");
      }
      if (e.getValue() == null && nullable) {
        out.put(e.getKey(), null);
      } else if (e.getValue() instanceof String s) {
        out.put(e.getKey(), s);
      } else {
        throw EngineException.invalidParameter("invalid " + name + ": the value of " + e.getKey() + " must be a string");
      }
    }
    return out;
  }
}
