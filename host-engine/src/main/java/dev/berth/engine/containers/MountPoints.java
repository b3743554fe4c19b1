package dev.berth.engine.containers;

import dev.berth.engine.errors.EngineException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * HostConfig.Binds ("host:ctr[:opts]") and HostConfig.Mounts of type bind or tmpfs, validated
 * as dockerd does. A missing host path of a Bind is created (dockerd's legacy -v behaviour); a
 * missing source of a Mount is a 400.
 */
final class MountPoints {

  /** One mount: type bind or tmpfs. */
  record MountPoint(String type, String source, String destination, boolean rw, String propagation, String mode) {
    JsonObject toInspect() {
      return new JsonObject()
          .put("Type", type)
          .put("Source", source)
          .put("Destination", destination)
          .put("Mode", mode)
          .put("RW", rw)
          .put("Propagation", type.equals("bind") ? propagation : "");
    }
  }

  private static final Set<String> PROPAGATIONS =
      Set.of("private", "rprivate", "shared", "rshared", "slave", "rslave");

  private MountPoints() {}

  /** Parses and validates; creates nothing. */
  static List<MountPoint> parse(JsonObject hostConfig) {
    List<MountPoint> out = new ArrayList<>();
    for (String bind : ConfigMerge.strings(hostConfig.getValue("Binds"))) {
      out.add(parseBind(bind));
    }
    JsonArray mounts = hostConfig.getJsonArray("Mounts");
    if (mounts != null) {
      for (Object o : mounts) {
        if (!(o instanceof JsonObject m)) {
          throw EngineException.invalidParameter("invalid mount config: " + o);
        }
        out.add(parseMount(m));
      }
    }
    for (int i = 0; i < out.size(); i++) {
      for (int j = i + 1; j < out.size(); j++) {
        if (out.get(i).destination().equals(out.get(j).destination())) {
          throw EngineException.invalidParameter("Duplicate mount point: " + out.get(i).destination());
        }
      }
    }
    return out;
  }

  static MountPoint parseBind(String spec) {
    String[] parts = spec.split(":");
    if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
      throw EngineException.invalidParameter("invalid volume specification: '" + spec + "'");
    }
    String source = parts[0];
    String dest = parts[1];
    if (!source.startsWith("/")) {
      throw EngineException.invalidParameter(
          "invalid volume specification: '" + spec + "': named volumes are not supported by this engine yet");
    }
    if (!dest.startsWith("/")) {
      throw EngineException.invalidParameter(
          "invalid volume specification: '" + spec + "': invalid mount config for type \"bind\": invalid mount path: '"
              + dest + "' mount path must be absolute");
    }
    boolean rw = true;
    String propagation = "rprivate";
    String mode = parts.length == 3 ? parts[2] : "";
    if (parts.length == 3) {
      for (String opt : parts[2].split(",")) {
        switch (opt) {
          case "ro" -> rw = false;
          case "rw", "z", "Z", "nocopy", "" -> { }
          default -> {
            if (PROPAGATIONS.contains(opt)) {
              propagation = opt;
            } else {
              throw EngineException.invalidParameter("invalid mode: " + opt);
            }
          }
        }
      }
    }
    return new MountPoint("bind", Path.of(source).normalize().toString(), Path.of(dest).normalize().toString(), rw, propagation, mode);
  }

  private static MountPoint parseMount(JsonObject m) {
    String type = m.getString("Type", "");
    String target = m.getString("Target", "");
    if (!target.startsWith("/")) {
      throw EngineException.invalidParameter(
          "invalid mount config for type \"" + type + "\": invalid mount path: '" + target + "' mount path must be absolute");
    }
    boolean rw = !m.getBoolean("ReadOnly", false);
    switch (type) {
      case "bind" -> {
        String source = m.getString("Source", "");
        if (!source.startsWith("/")) {
          throw EngineException.invalidParameter(
              "invalid mount config for type \"bind\": invalid mount path: '" + source + "' mount path must be absolute");
        }
        if (!Files.exists(Path.of(source))) {
          throw EngineException.invalidParameter(
              "invalid mount config for type \"bind\": bind source path does not exist: " + source);
        }
        JsonObject bindOptions = m.getJsonObject("BindOptions", new JsonObject());
        String propagation = bindOptions.getString("Propagation", "rprivate");
        if (propagation.isEmpty()) {
          propagation = "rprivate";
        }
        return new MountPoint("bind", source, target, rw, propagation, "");
      }
      case "tmpfs" -> {
        return new MountPoint("tmpfs", "", target, rw, "", "");
      }
      default -> throw EngineException.invalidParameter(
          "invalid mount config for type \"" + type + "\": mount type not supported by this engine");
    }
  }

  /** Creates the missing host paths of Binds, as directories, at start. */
  static void createMissingSources(List<MountPoint> mounts) throws IOException {
    for (MountPoint m : mounts) {
      if (m.type().equals("bind") && !Files.exists(Path.of(m.source()))) {
        Files.createDirectories(Path.of(m.source()));
      }
    }
  }
}
