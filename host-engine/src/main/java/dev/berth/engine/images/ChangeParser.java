package dev.berth.engine.images;

import dev.berth.engine.errors.EngineException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Applies `docker import --change` lines to an image's runtime config, parsed as Dockerfile
 * instructions the way dockerd parses them: JSON or shell form for CMD/ENTRYPOINT, key=value
 * or legacy "key value" for ENV/LABEL, quotes and $VAR / ${VAR:-x} / ${VAR:+x} expansion.
 */
final class ChangeParser {

  private ChangeParser() {}

  /** Applies each change in order to {@code config} (Docker's container config shape). */
  static void apply(JsonObject config, List<String> changes) {
    for (String change : changes) {
      String line = change.strip();
      if (line.isEmpty()) {
        continue;
      }
      int sp = indexOfSpace(line);
      String instruction = (sp < 0 ? line : line.substring(0, sp)).toLowerCase(Locale.ROOT);
      String rest = sp < 0 ? "" : line.substring(sp).strip();
      switch (instruction) {
        case "cmd" -> config.put("Cmd", commandForm(rest));
        case "entrypoint" -> config.put("Entrypoint", commandForm(rest));
        case "env" -> env(config, rest);
        case "label" -> label(config, rest);
        case "expose" -> expose(config, rest);
        case "workdir" -> workdir(config, rest);
        case "user" -> config.put("User", ShellWords.expand(rest, envOf(config)));
        case "volume" -> volume(config, rest);
        case "stopsignal" -> config.put("StopSignal", ShellWords.expand(rest, envOf(config)));
        case "onbuild" -> onbuild(config, rest);
        default -> throw EngineException.invalidParameter(instruction + " is not a valid change command");
      }
    }
  }

  private static int indexOfSpace(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isWhitespace(s.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  /** ["a","b"] (exec form) or a shell command run by /bin/sh -c. */
  static JsonArray commandForm(String rest) {
    JsonArray json = jsonList(rest);
    if (json != null) {
      return json;
    }
    return new JsonArray().add("/bin/sh").add("-c").add(rest);
  }

  /** The JSON array of strings that {@code text} is, or null when it is not one. */
  private static JsonArray jsonList(String text) {
    if (!text.startsWith("[")) {
      return null;
    }
    try {
      JsonArray a = new JsonArray(text);
      for (Object o : a) {
        if (!(o instanceof String)) {
          return null;
        }
      }
      return a;
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static List<String> envOf(JsonObject config) {
    List<String> env = new ArrayList<>();
    JsonArray a = config.getJsonArray("Env");
    if (a != null) {
      a.forEach(e -> env.add((String) e));
    }
    return env;
  }

  private static void env(JsonObject config, String rest) {
    for (String[] kv : nameValues("ENV", rest, envOf(config))) {
      List<String> env = envOf(config);
      env.removeIf(e -> e.equals(kv[0]) || e.startsWith(kv[0] + "="));
      env.add(kv[0] + "=" + kv[1]);
      config.put("Env", new JsonArray(new ArrayList<Object>(env)));
    }
  }

  private static void label(JsonObject config, String rest) {
    JsonObject labels = config.getJsonObject("Labels");
    if (labels == null) {
      labels = new JsonObject();
    }
    for (String[] kv : nameValues("LABEL", rest, envOf(config))) {
      labels.put(kv[0], kv[1]);
    }
    config.put("Labels", labels);
  }

  /** "k=v k2='v 2'" or the legacy "k some value"; values unquoted and expanded. */
  private static List<String[]> nameValues(String instruction, String rest, List<String> env) {
    List<String> words = ShellWords.split(rest);
    if (words.isEmpty()) {
      throw EngineException.invalidParameter(instruction + " requires at least one argument");
    }
    List<String[]> out = new ArrayList<>();
    if (!words.get(0).contains("=")) {
      int sp = indexOfSpace(rest);
      if (sp < 0) {
        throw EngineException.invalidParameter(instruction + " must have two arguments");
      }
      String key = rest.substring(0, sp);
      out.add(new String[] {key, ShellWords.expand(rest.substring(sp).strip(), env)});
      return out;
    }
    for (String w : words) {
      int eq = w.indexOf('=');
      if (eq <= 0) {
        throw EngineException.invalidParameter("Syntax error - can't find = in \"" + w + "\". Must be of the form: name=value");
      }
      out.add(new String[] {ShellWords.expand(w.substring(0, eq), env), ShellWords.expand(w.substring(eq + 1), env)});
    }
    return out;
  }

  private static void expose(JsonObject config, String rest) {
    JsonObject ports = config.getJsonObject("ExposedPorts");
    if (ports == null) {
      ports = new JsonObject();
    }
    for (String word : ShellWords.split(rest)) {
      String spec = ShellWords.expand(word, envOf(config));
      String proto = "tcp";
      int slash = spec.indexOf('/');
      if (slash >= 0) {
        proto = spec.substring(slash + 1).toLowerCase(Locale.ROOT);
        spec = spec.substring(0, slash);
      }
      if (!proto.equals("tcp") && !proto.equals("udp") && !proto.equals("sctp")) {
        throw EngineException.invalidParameter("invalid proto: " + proto);
      }
      String[] range = spec.split("-", 2);
      int from = port(range[0]);
      int to = range.length == 2 ? port(range[1]) : from;
      if (to < from) {
        throw EngineException.invalidParameter("invalid range specified for container port: " + spec);
      }
      for (int p = from; p <= to; p++) {
        ports.put(p + "/" + proto, new JsonObject());
      }
    }
    config.put("ExposedPorts", ports);
  }

  private static int port(String s) {
    try {
      int p = Integer.parseInt(s);
      if (p >= 0 && p <= 65535) {
        return p;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw EngineException.invalidParameter("invalid containerPort: " + s);
  }

  private static void workdir(JsonObject config, String rest) {
    String dir = ShellWords.expand(rest, envOf(config));
    if (dir.isEmpty()) {
      throw EngineException.invalidParameter("WORKDIR requires exactly one argument");
    }
    String current = config.getString("WorkingDir", "");
    Path p = dir.startsWith("/") ? Path.of(dir) : Path.of(current.isEmpty() ? "/" : current).resolve(dir);
    config.put("WorkingDir", p.normalize().toString());
  }

  private static void volume(JsonObject config, String rest) {
    JsonObject volumes = config.getJsonObject("Volumes");
    if (volumes == null) {
      volumes = new JsonObject();
    }
    JsonArray json = jsonList(rest);
    List<String> paths = new ArrayList<>();
    if (json != null) {
      json.forEach(v -> paths.add((String) v));
    } else {
      for (String w : ShellWords.split(rest)) {
        paths.add(ShellWords.expand(w, envOf(config)));
      }
    }
    for (String v : paths) {
      if (v.isBlank()) {
        throw EngineException.invalidParameter("VOLUME specified can not be an empty string");
      }
      volumes.put(v.strip(), new JsonObject());
    }
    config.put("Volumes", volumes);
  }

  private static void onbuild(JsonObject config, String rest) {
    int sp = indexOfSpace(rest);
    String trigger = (sp < 0 ? rest : rest.substring(0, sp)).toUpperCase(Locale.ROOT);
    if (trigger.equals("ONBUILD") || trigger.equals("FROM") || trigger.equals("MAINTAINER") || trigger.isEmpty()) {
      throw EngineException.invalidParameter(trigger + " isn't allowed as an ONBUILD trigger");
    }
    JsonArray onBuild = config.getJsonArray("OnBuild");
    if (onBuild == null) {
      onBuild = new JsonArray();
    }
    onBuild.add(trigger + (sp < 0 ? "" : rest.substring(sp)));
    config.put("OnBuild", onBuild);
  }
}
