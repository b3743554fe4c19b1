package dev.berth.engine.images;

import io.vertx.core.json.JsonObject;
import java.util.List;

/** The image config's "config" object in Docker's field order, with dockerd's empty defaults. */
final class RuntimeConfig {

  private static final List<String> ORDER =
      List.of("Hostname", "Domainname", "User", "AttachStdin", "AttachStdout", "AttachStderr",
          "ExposedPorts", "Tty", "OpenStdin", "StdinOnce", "Env", "Cmd", "Healthcheck",
          "ArgsEscaped", "Image", "Volumes", "WorkingDir", "Entrypoint", "NetworkDisabled",
          "MacAddress", "OnBuild", "Labels", "StopSignal", "StopTimeout", "Shell");
  /** Fields that dockerd writes even when empty; the others only when set. */
  private static final List<String> ALWAYS =
      List.of("Hostname", "Domainname", "User", "AttachStdin", "AttachStdout", "AttachStderr",
          "Tty", "OpenStdin", "StdinOnce", "Env", "Cmd", "Image", "Volumes", "WorkingDir",
          "Entrypoint", "OnBuild", "Labels");

  private RuntimeConfig() {}

  static JsonObject empty() {
    return new JsonObject()
        .put("Hostname", "").put("Domainname", "").put("User", "")
        .put("AttachStdin", false).put("AttachStdout", false).put("AttachStderr", false)
        .put("Tty", false).put("OpenStdin", false).put("StdinOnce", false)
        .putNull("Env").putNull("Cmd").put("Image", "").putNull("Volumes").put("WorkingDir", "")
        .putNull("Entrypoint").putNull("OnBuild").putNull("Labels");
  }

  static JsonObject ordered(JsonObject config) {
    JsonObject out = new JsonObject();
    for (String key : ORDER) {
      if (config.containsKey(key) && (config.getValue(key) != null || ALWAYS.contains(key))) {
        Object value = config.getValue(key);
        // Go writes map keys sorted; the same bytes make the same image id
        out.put(key, value instanceof JsonObject map ? new JsonObject(new java.util.TreeMap<>(map.getMap())) : value);
      }
    }
    return out;
  }

  /** GOARCH naming of this machine, as image configs record it. */
  static String architecture() {
    String arch = System.getProperty("os.arch");
    return switch (arch) {
      case "amd64", "x86_64" -> "amd64";
      case "aarch64" -> "arm64";
      default -> arch;
    };
  }
}
