package dev.berth.engine.volumes;

import dev.berth.engine.errors.EngineException;
import dev.berth.engine.runtime.Commands;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The local driver's options, as dockerd's: {@code type}, {@code device} and {@code o} make
 * the volume a filesystem of its own (mount -t TYPE -o O DEVICE _data), mounted while at least
 * one running container uses it and unmounted when the last one stops. Callers hold the
 * volume service's monitor.
 */
final class DriverMounts {

  private static final Logger LOG = Logger.getLogger(DriverMounts.class.getName());
  private static final Set<String> KEYS = Set.of("type", "device", "o");

  /** Running containers that hold each mounted volume. */
  private final Map<String, Set<String>> holders = new HashMap<>();

  /** The options to store, or 400 in dockerd's words. */
  static JsonObject validate(String name, JsonObject opts) {
    JsonObject out = new JsonObject();
    if (opts == null || opts.isEmpty()) {
      return out;
    }
    for (Map.Entry<String, Object> e : opts) {
      if (!KEYS.contains(e.getKey())) {
        throw EngineException.invalidParameter("create " + name + ": invalid option: \"" + e.getKey() + "\"");
      }
      if (!(e.getValue() instanceof String)) {
        throw EngineException.invalidParameter("create " + name + ": option " + e.getKey() + " must be a string");
      }
      out.put(e.getKey(), e.getValue());
    }
    if (out.getString("device", "").isEmpty()) {
      throw EngineException.invalidParameter("create " + name + ": missing device in volume options");
    }
    return out;
  }

  void acquire(Volume v, String containerId) throws IOException {
    if (v.options().isEmpty()) {
      return;
    }
    Set<String> h = holders.computeIfAbsent(v.name(), k -> new HashSet<>());
    if (h.isEmpty() && !isMounted(v.mountpoint())) {
      List<String> cmd = new ArrayList<>(List.of("mount"));
      String type = v.options().getString("type", "");
      if (!type.isEmpty()) {
        cmd.addAll(List.of("-t", type));
      }
      String o = v.options().getString("o", "");
      if (!o.isEmpty()) {
        cmd.addAll(List.of("-o", o));
      }
      cmd.add(v.options().getString("device"));
      cmd.add(v.mountpoint().toString());
      Commands.Result r = Commands.run(cmd);
      if (!r.ok()) {
        holders.remove(v.name());
        throw new IOException("error while mounting volume '" + v.mountpoint() + "': " + r.err().strip());
      }
    }
    h.add(containerId);
  }

  void release(Volume v, String containerId) {
    Set<String> h = holders.get(v.name());
    if (h == null || !h.remove(containerId) || !h.isEmpty()) {
      return;
    }
    holders.remove(v.name());
    unmount(v);
  }

  void reconcile(Volume v, List<String> runningUsers) {
    if (v.options().isEmpty()) {
      return;
    }
    if (runningUsers.isEmpty()) {
      unmount(v);
    } else {
      holders.computeIfAbsent(v.name(), k -> new HashSet<>()).addAll(runningUsers);
    }
  }

  /** Unmounts whatever is mounted on the volume's data folder; must not throw. */
  void unmount(Volume v) {
    try {
      while (isMounted(v.mountpoint())) {
        Commands.Result r = Commands.run(List.of("umount", v.mountpoint().toString()));
        if (!r.ok() && !Commands.run(List.of("umount", "-l", v.mountpoint().toString())).ok()) {
          LOG.warning("cannot unmount volume " + v.name() + ": " + r.err().strip());
          return;
        }
      }
    } catch (IOException e) {
      LOG.warning("unmount of volume " + v.name() + ": " + e.getMessage());
    }
  }

  private static boolean isMounted(Path target) throws IOException {
    String t = target.toAbsolutePath().toString();
    for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
      String[] f = line.split(" ");
      if (f.length > 4 && f[4].equals(t)) {
        return true;
      }
    }
    return false;
  }
}
