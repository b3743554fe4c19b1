package dev.berth.engine.build;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The state of one build stage between its steps. */
final class Stage {

  static final List<String> DEFAULT_SHELL = List.of("/bin/sh", "-c");

  final String name;
  /** The stage's current image, null while it is FROM scratch with no step yet. */
  String imageId;
  /** The image config's "config" object, changed by each step. */
  JsonObject runtime;
  /** ARGs declared in this stage, with their values (null: declared without one). */
  final Map<String, String> args = new TreeMap<>();
  /** Whether this Dockerfile set CMD (ENTRYPOINT then keeps it). */
  boolean cmdSet;

  Stage(String name, String imageId, JsonObject runtime) {
    this.name = name;
    this.imageId = imageId;
    this.runtime = runtime;
  }

  List<String> env() {
    List<String> out = new ArrayList<>();
    JsonArray env = runtime.getJsonArray("Env");
    if (env != null) {
      env.forEach(e -> out.add(String.valueOf(e)));
    }
    return out;
  }

  /** The variables for $VAR expansion: ARG values, overridden by ENV. */
  Map<String, String> vars() {
    Map<String, String> out = new HashMap<>();
    args.forEach((k, v) -> {
      if (v != null) {
        out.put(k, v);
      }
    });
    for (String e : env()) {
      int eq = e.indexOf('=');
      out.put(eq < 0 ? e : e.substring(0, eq), eq < 0 ? "" : e.substring(eq + 1));
    }
    return out;
  }

  /** ARGs with a value that ENV does not shadow, sorted, as "K=V" (RUN's extra environment). */
  List<String> runArgs() {
    Map<String, String> envKeys = new HashMap<>();
    env().forEach(e -> envKeys.put(e.contains("=") ? e.substring(0, e.indexOf('=')) : e, ""));
    List<String> out = new ArrayList<>();
    args.forEach((k, v) -> {
      if (v != null && !envKeys.containsKey(k)) {
        out.add(k + "=" + v);
      }
    });
    return out;
  }

  List<String> shell() {
    JsonArray s = runtime.getJsonArray("Shell");
    if (s == null || s.isEmpty()) {
      return DEFAULT_SHELL;
    }
    List<String> out = new ArrayList<>();
    s.forEach(x -> out.add(String.valueOf(x)));
    return out;
  }

  /** The "/bin/sh -c #(nop) " that metadata steps' created_by start with: dockerd uses the stage's SHELL. */
  String nop() {
    return String.join(" ", shell()) + " #(nop) ";
  }

  void setEnv(String key, String value) {
    List<String> env = env();
    boolean replaced = false;
    for (int i = 0; i < env.size(); i++) {
      String e = env.get(i);
      if (e.equals(key) || e.startsWith(key + "=")) {
        env.set(i, key + "=" + value);
        replaced = true;
      }
    }
    if (!replaced) {
      env.add(key + "=" + value);
    }
    runtime.put("Env", new JsonArray(new ArrayList<>(env)));
  }
}
