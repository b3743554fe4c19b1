package dev.berth.engine.containers;

import dev.berth.engine.errors.EngineException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * dockerd's rules for combining a create request's Config with its image's config: user values
 * win, image Env and Labels fill in missing keys, and the image's Cmd is used only when the user
 * gave neither Entrypoint nor Cmd.
 */
final class ConfigMerge {

  static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  private ConfigMerge() {}

  /** The merged Config as dockerd stores it (a new object). */
  static JsonObject merge(JsonObject user, JsonObject image) {
    JsonObject out = user.copy();
    JsonObject img = image == null ? new JsonObject() : image;
    if (isEmpty(out.getString("User"))) {
      out.put("User", img.getString("User", ""));
    }
    out.put("Env", mergeEnv(strings(out.getValue("Env")), strings(img.getValue("Env"))));
    JsonObject labels = new JsonObject();
    JsonObject imgLabels = img.getJsonObject("Labels");
    if (imgLabels != null) {
      labels.mergeIn(imgLabels);
    }
    JsonObject userLabels = out.getJsonObject("Labels");
    if (userLabels != null) {
      labels.mergeIn(userLabels);
    }
    out.put("Labels", labels);
    List<String> entrypoint = strings(out.getValue("Entrypoint"));
    if (entrypoint.isEmpty()) {
      if (strings(out.getValue("Cmd")).isEmpty()) {
        out.put("Cmd", img.getValue("Cmd"));
      }
      if (out.getValue("Entrypoint") == null) {
        out.put("Entrypoint", img.getValue("Entrypoint"));
      }
    }
    if (isEmpty(out.getString("WorkingDir"))) {
      out.put("WorkingDir", img.getString("WorkingDir", ""));
    }
    if (isEmpty(out.getString("StopSignal")) && !isEmpty(img.getString("StopSignal"))) {
      out.put("StopSignal", img.getString("StopSignal"));
    }
    if (out.getJsonObject("ExposedPorts") == null && img.getJsonObject("ExposedPorts") != null) {
      out.put("ExposedPorts", img.getJsonObject("ExposedPorts"));
    }
    if (img.getJsonObject("Volumes") != null) {
      // dockerd adds the image's VOLUMEs to the user's (the CLI sends "Volumes": {} for none)
      JsonObject volumes = img.getJsonObject("Volumes").copy();
      JsonObject userVolumes = out.getJsonObject("Volumes");
      if (userVolumes != null) {
        volumes.mergeIn(userVolumes);
      }
      out.put("Volumes", volumes);
    }
    if (out.getJsonObject("Healthcheck") == null && img.getJsonObject("Healthcheck") != null) {
      out.put("Healthcheck", img.getJsonObject("Healthcheck"));
    }
    return out;
  }

  /** Path and Args of the process: Entrypoint then Cmd. 400 when there is nothing to run. */
  static List<String> command(JsonObject merged) {
    List<String> entrypoint = strings(merged.getValue("Entrypoint"));
    if (entrypoint.size() == 1 && entrypoint.get(0).isEmpty()) {
      entrypoint = List.of(); // --entrypoint "" resets the image's entrypoint
    }
    List<String> cmd = new ArrayList<>(entrypoint);
    cmd.addAll(strings(merged.getValue("Cmd")));
    if (cmd.isEmpty()) {
      throw EngineException.invalidParameter("No command specified");
    }
    return cmd;
  }

  /** Image env first, replaced by the user's values for the same keys, user-only keys after. */
  static JsonArray mergeEnv(List<String> user, List<String> image) {
    List<String> out = new ArrayList<>(user);
    for (String e : image) {
      String key = key(e);
      if (user.stream().noneMatch(u -> key(u).equals(key))) {
        out.add(e);
      }
    }
    return out.isEmpty() && user.isEmpty() && image.isEmpty() ? null : new JsonArray(new ArrayList<>(out));
  }

  /** The process env as dockerd builds it: PATH and HOSTNAME defaults, TERM for a TTY. */
  static List<String> processEnv(List<String> configEnv, String hostname, boolean tty) {
    List<String> env = new ArrayList<>();
    env.add("PATH=" + DEFAULT_PATH);
    env.add("HOSTNAME=" + hostname);
    if (tty) {
      env.add("TERM=xterm");
    }
    for (String e : configEnv) {
      String key = key(e);
      int i = indexOfKey(env, key);
      if (i >= 0) {
        env.set(i, e);
      } else {
        env.add(e);
      }
    }
    return env;
  }

  private static int indexOfKey(List<String> env, String key) {
    for (int i = 0; i < env.size(); i++) {
      if (key(env.get(i)).equals(key)) {
        return i;
      }
    }
    return -1;
  }

  private static String key(String envEntry) {
    int eq = envEntry.indexOf('=');
    return eq < 0 ? envEntry : envEntry.substring(0, eq);
  }

  /** A JSON string array (or a single string, as old clients send Cmd) as a list. */
  static List<String> strings(Object value) {
    List<String> out = new ArrayList<>();
    if (value instanceof JsonArray a) {
      a.forEach(v -> out.add(v == null ? "" : String.valueOf(v)));
    } else if (value instanceof List<?> l) {
      l.forEach(v -> out.add(v == null ? "" : String.valueOf(v)));
    } else if (value instanceof String s) {
      out.add(s);
    } else if (value != null) {
      throw EngineException.invalidParameter("invalid value: expected a list of strings, got " + value);
    }
    return out;
  }

  private static boolean isEmpty(String s) {
    return s == null || s.isEmpty();
  }
}
