package dev.berth.engine.containers;

import dev.berth.engine.errors.EngineException;
import dev.berth.engine.util.AtomicFiles;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A container's mounts: HostConfig.Binds ("src:dst[:opts]", a named volume when src is not a
 * path), HostConfig.Mounts (bind, volume, tmpfs) and HostConfig.Tmpfs, validated and worded as
 * dockerd does. The volumes package resolves them at create (volume names and paths, image
 * VOLUMEs, --volumes-from) and saves the result beside the container's state; starts read it.
 */
public final class MountPoints {

  /**
   * One mount. {@code name} is the volume's ("" for a bind, tmpfs, or an anonymous volume not yet
   * named); {@code source} the host path ("" for tmpfs and for unresolved volumes); {@code
   * options} the tmpfs options, or the volume's create options (labels, driver options);
   * {@code listed} whether inspect's Mounts shows it (HostConfig.Tmpfs entries are not shown).
   */
  public record MountPoint(
      String type, String name, String source, String destination, boolean rw, String mode, String propagation,
      boolean copyData, boolean anonymous, JsonObject options, boolean listed) {

    public MountPoint withVolume(String volumeName, String path, boolean isAnonymous) {
      return new MountPoint(type, volumeName, path, destination, rw, mode, propagation, copyData, isAnonymous, options, listed);
    }

    public MountPoint withRw(boolean writable) {
      return new MountPoint(type, name, source, destination, writable, mode, propagation, copyData, anonymous, options, listed);
    }

    public JsonObject toInspect() {
      JsonObject out = new JsonObject().put("Type", type);
      if (type.equals("volume")) {
        out.put("Name", name);
      }
      out.put("Source", source).put("Destination", destination);
      if (type.equals("volume")) {
        out.put("Driver", "local");
      }
      return out.put("Mode", mode).put("RW", rw).put("Propagation", propagation);
    }

    /** The OCI runtime spec's mount entry. */
    JsonObject toOci() {
      List<Object> opts = new ArrayList<>();
      if (type.equals("tmpfs")) {
        opts.addAll(List.of("nosuid", "nodev", "noexec"));
        options.getJsonArray("Options", new JsonArray()).forEach(opts::add);
        opts.add(rw ? "rw" : "ro");
        return new JsonObject().put("destination", destination).put("type", "tmpfs").put("source", "tmpfs")
            .put("options", new JsonArray(opts));
      }
      opts.add("rbind");
      opts.add(propagation.isEmpty() ? "rprivate" : propagation);
      opts.add(rw ? "rw" : "ro");
      return new JsonObject().put("destination", destination).put("type", "bind").put("source", source)
          .put("options", new JsonArray(opts));
    }

    JsonObject toJson() {
      return new JsonObject().put("Type", type).put("Name", name).put("Source", source).put("Destination", destination)
          .put("RW", rw).put("Mode", mode).put("Propagation", propagation).put("CopyData", copyData)
          .put("Anonymous", anonymous).put("Options", options).put("Listed", listed);
    }

    static MountPoint fromJson(JsonObject j) {
      return new MountPoint(j.getString("Type"), j.getString("Name", ""), j.getString("Source", ""),
          j.getString("Destination"), j.getBoolean("RW", true), j.getString("Mode", ""), j.getString("Propagation", ""),
          j.getBoolean("CopyData", true), j.getBoolean("Anonymous", false), j.getJsonObject("Options", new JsonObject()),
          j.getBoolean("Listed", true));
    }
  }

  private static final Set<String> PROPAGATIONS =
      Set.of("private", "rprivate", "shared", "rshared", "slave", "rslave");
  private static final String VOLUME_NAME = "[a-zA-Z0-9][a-zA-Z0-9_.-]+";
  private static final String FILE = "mounts.json";

  private MountPoints() {}

  /** The mounts a start uses: those resolved at create, or (older containers) the HostConfig's. */
  public static List<MountPoint> of(Container c) throws IOException {
    Path file = c.dataDir().resolve(FILE);
    if (!Files.exists(file)) {
      return parse(c.hostConfig());
    }
    List<MountPoint> out = new ArrayList<>();
    new JsonArray(Files.readString(file)).forEach(o -> out.add(MountPoint.fromJson((JsonObject) o)));
    return out;
  }

  /** Saves the resolved mounts beside the container's state (at create, before the state file). */
  public static void save(Container c, List<MountPoint> mounts) throws IOException {
    JsonArray a = new JsonArray();
    mounts.forEach(m -> a.add(m.toJson()));
    AtomicFiles.writeString(c.dataDir().resolve(FILE), a.encode());
  }

  /** Parses and validates the user's mounts; creates nothing. Volumes come back unresolved. */
  public static List<MountPoint> parse(JsonObject hostConfig) {
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
    JsonObject tmpfs = hostConfig.getJsonObject("Tmpfs");
    if (tmpfs != null) {
      for (Map.Entry<String, Object> e : tmpfs) {
        out.add(parseTmpfs(e.getKey(), String.valueOf(e.getValue() == null ? "" : e.getValue())));
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
    boolean volume = !source.startsWith("/");
    if (volume && !source.matches(VOLUME_NAME)) {
      throw EngineException.invalidParameter(
          "create " + source + ": \"" + source + "\" includes invalid characters for a local volume name, only \""
              + "[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed. If you intended to pass a host directory, use absolute path");
    }
    if (!dest.startsWith("/")) {
      throw EngineException.invalidParameter(
          "invalid volume specification: '" + spec + "': invalid mount config for type \"" + (volume ? "volume" : "bind")
              + "\": invalid mount path: '" + dest + "' mount path must be absolute");
    }
    boolean rw = true;
    boolean copy = true;
    String propagation = volume ? "" : "rprivate";
    String mode = parts.length == 3 ? parts[2] : volume ? "z" : "";
    if (parts.length == 3) {
      for (String opt : parts[2].split(",")) {
        switch (opt) {
          case "ro" -> rw = false;
          case "nocopy" -> copy = false;
          case "rw", "z", "Z", "" -> { }
          default -> {
            if (!volume && PROPAGATIONS.contains(opt)) {
              propagation = opt;
            } else {
              throw EngineException.invalidParameter("invalid mode: " + opt);
            }
          }
        }
      }
    }
    String d = Path.of(dest).normalize().toString();
    if (d.equals("/")) {
      throw EngineException.invalidParameter("invalid specification: destination can't be '/' in '" + spec + "'");
    }
    if (volume) {
      return new MountPoint("volume", source, "", d, rw, mode, "", copy, false, new JsonObject(), true);
    }
    return new MountPoint("bind", "", Path.of(source).normalize().toString(), d, rw, mode, propagation, false, false,
        new JsonObject(), true);
  }

  private static MountPoint parseMount(JsonObject m) {
    String type = m.getString("Type", "");
    String target = m.getString("Target", "");
    if (!target.startsWith("/")) {
      throw EngineException.invalidParameter(
          "invalid mount config for type \"" + type + "\": invalid mount path: '" + target + "' mount path must be absolute");
    }
    target = Path.of(target).normalize().toString();
    boolean rw = !m.getBoolean("ReadOnly", false);
    String source = m.getString("Source", "");
    switch (type) {
      case "bind" -> {
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
        if (!PROPAGATIONS.contains(propagation)) {
          throw EngineException.invalidParameter("invalid mount config for type \"bind\": invalid propagation: " + propagation);
        }
        return new MountPoint("bind", "", source, target, rw, "", propagation, false, false, new JsonObject(), true);
      }
      case "volume" -> {
        if (!source.isEmpty() && !source.matches(VOLUME_NAME)) {
          throw EngineException.invalidParameter(
              "invalid mount config for type \"volume\": invalid volume name: \"" + source + "\"");
        }
        JsonObject vo = m.getJsonObject("VolumeOptions", new JsonObject());
        JsonObject driver = vo.getJsonObject("DriverConfig", new JsonObject());
        String driverName = driver.getString("Name", "");
        if (!driverName.isEmpty() && !driverName.equals("local")) {
          throw EngineException.notFound("error looking up volume plugin " + driverName + ": plugin \"" + driverName + "\" not found");
        }
        JsonObject opts = new JsonObject()
            .put("Labels", vo.getJsonObject("Labels", new JsonObject()))
            .put("DriverOpts", driver.getJsonObject("Options", new JsonObject()));
        return new MountPoint("volume", source, "", target, rw, "z", "", !vo.getBoolean("NoCopy", false), source.isEmpty(),
            opts, true);
      }
      case "tmpfs" -> {
        if (!source.isEmpty()) {
          throw EngineException.invalidParameter("invalid mount config for type \"tmpfs\": source must not be specified");
        }
        JsonObject to = m.getJsonObject("TmpfsOptions", new JsonObject());
        JsonArray opts = new JsonArray();
        long size = to.getLong("SizeBytes", 0L);
        if (size < 0) {
          throw EngineException.invalidParameter("invalid mount config for type \"tmpfs\": invalid tmpfs size " + size);
        }
        if (size > 0) {
          opts.add("size=" + (size + 1023) / 1024 + "k");
        }
        Integer mode = to.getInteger("Mode");
        if (mode != null) {
          opts.add("mode=" + Integer.toOctalString(mode & 07777));
        }
        return new MountPoint("tmpfs", "", "", target, rw, "", "", false, false, new JsonObject().put("Options", opts), true);
      }
      default -> throw EngineException.invalidParameter(
          "invalid mount config for type \"" + type + "\": mount type unknown");
    }
  }

  /** One HostConfig.Tmpfs entry: "/run" -> "rw,size=64m,mode=1777". */
  private static MountPoint parseTmpfs(String dest, String options) {
    if (!dest.startsWith("/")) {
      throw EngineException.invalidParameter("invalid mount path: '" + dest + "' mount path must be absolute");
    }
    boolean rw = true;
    JsonArray opts = new JsonArray();
    for (String o : options.split(",")) {
      String key = o.contains("=") ? o.substring(0, o.indexOf('=')) : o;
      switch (key) {
        case "" -> { }
        case "ro" -> rw = false;
        case "rw" -> rw = true;
        case "size", "mode", "uid", "gid", "nr_inodes", "nr_blocks", "exec", "noexec", "suid", "nosuid", "dev", "nodev",
            "atime", "noatime", "relatime", "strictatime", "nodiratime", "diratime", "sync", "async" -> opts.add(o);
        default -> throw EngineException.invalidParameter("invalid tmpfs option [\"" + o + "\"]");
      }
    }
    return new MountPoint("tmpfs", "", "", Path.of(dest).normalize().toString(), rw, "", "", false, false,
        new JsonObject().put("Options", opts), false);
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
