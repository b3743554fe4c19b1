package dev.berth.engine.volumes;

import dev.berth.engine.errors.EngineException;
import dev.berth.engine.events.EventLog;
import dev.berth.engine.util.Ids;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The local volume driver: create, inspect, list (filters), remove (409 while a container uses
 * the volume) and prune. Every change holds this object's monitor, which the mounts hook also
 * takes while it binds volumes to a new container, so a prune never removes a volume that a
 * container is about to use.
 */
public final class VolumeService {

  private static final String NAME = "[a-zA-Z0-9][a-zA-Z0-9_.-]+";

  private final VolumeStore store;
  private final EventLog events;
  private final Map<String, Volume> volumes;
  private final DriverMounts driverMounts = new DriverMounts();
  private volatile Function<String, List<String>> users = name -> List.of();

  public VolumeService(Path dataRoot, EventLog events) throws IOException {
    this.store = new VolumeStore(dataRoot);
    this.events = events;
    this.volumes = new TreeMap<>(store.loadAll());
  }

  /** Who uses a volume: the ids of the containers that mount it (set by the mounts hook). */
  void setUsers(Function<String, List<String>> users) {
    this.users = users;
  }

  /** POST /volumes/create. An existing name answers with the existing volume, as dockerd does. */
  public synchronized JsonObject create(String name, String driver, JsonObject driverOpts, JsonObject labels) {
    if (driver != null && !driver.isEmpty() && !driver.equals("local")) {
      throw EngineException.notFound("error looking up volume plugin " + driver + ": plugin \"" + driver + "\" not found");
    }
    String n = name == null || name.isEmpty() ? Ids.random64() : name;
    return ensure(n, labels == null ? new JsonObject() : labels, driverOpts).toApi();
  }

  /** The volume called {@code name}, created when missing (dockerd does the same at container create). */
  synchronized Volume ensure(String name, JsonObject labels, JsonObject driverOpts) {
    if (!name.matches(NAME)) {
      throw EngineException.invalidParameter(
          "create " + name + ": \"" + name + "\" includes invalid characters for a local volume name, only \""
              + "[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed. If you intended to pass a host directory, use absolute path");
    }
    JsonObject options = DriverMounts.validate(name, driverOpts);
    Volume existing = volumes.get(name);
    if (existing != null) {
      return existing;
    }
    for (Map.Entry<String, Object> l : labels) {
      if (!(l.getValue() instanceof String)) {
        throw EngineException.invalidParameter("invalid label value for " + l.getKey() + ": must be a string");
      }
    }
    Volume v = new Volume(name, labels.copy(), options,
        Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), store.dataDir(name));
    try {
      store.create(v);
    } catch (IOException e) {
      throw EngineException.system("create " + name + ": " + e.getMessage(), e);
    }
    volumes.put(name, v);
    events.publish("volume", "create", name, Map.of("driver", "local"));
    return v;
  }

  synchronized boolean exists(String name) {
    return volumes.containsKey(name);
  }

  public synchronized JsonObject inspect(String name) {
    return get(name).toApi();
  }

  synchronized Volume get(String name) {
    Volume v = volumes.get(name);
    if (v == null) {
      throw EngineException.notFound("get " + name + ": no such volume");
    }
    return v;
  }

  /** GET /volumes with the filters dangling, name, label and driver. */
  public synchronized JsonObject list(Map<String, List<String>> filters) {
    for (String key : filters.keySet()) {
      if (!List.of("dangling", "name", "label", "driver").contains(key)) {
        throw EngineException.invalidParameter("invalid filter '" + key + "'");
      }
    }
    Boolean dangling = null;
    for (String d : filters.getOrDefault("dangling", List.of())) {
      dangling = switch (d.toLowerCase()) {
        case "true", "1" -> true;
        case "false", "0" -> false;
        default -> throw EngineException.invalidParameter("invalid filter 'dangling=" + d + "'");
      };
    }
    JsonArray out = new JsonArray();
    for (Volume v : volumes.values()) {
      if (dangling != null && dangling != users.apply(v.name()).isEmpty()) {
        continue;
      }
      if (!matchesAny(filters.get("name"), v.name()) || !matchesAny(filters.get("driver"), "local")) {
        continue;
      }
      if (!labelsMatch(filters.getOrDefault("label", List.of()), v.labels(), true)) {
        continue;
      }
      out.add(v.toApi());
    }
    return new JsonObject().put("Volumes", out).put("Warnings", null);
  }

  /** DELETE /volumes/{name}: 409 while in use; force only quiets a missing volume. */
  public synchronized void remove(String name, boolean force) {
    Volume v = volumes.get(name);
    if (v == null) {
      if (force) {
        return;
      }
      throw EngineException.notFound("get " + name + ": no such volume");
    }
    List<String> using = users.apply(name);
    if (!using.isEmpty()) {
      throw EngineException.conflict("remove " + name + ": volume is in use - [" + String.join(", ", using) + "]");
    }
    delete(v);
  }

  /** Removes an anonymous volume that no container uses any more (rm -v, --rm); quiet otherwise. */
  synchronized void removeIfUnused(String name) {
    Volume v = volumes.get(name);
    if (v != null && users.apply(name).isEmpty()) {
      delete(v);
    }
  }

  /**
   * POST /volumes/prune: unused volumes matching the label filters; only anonymous ones unless
   * {@code all=true}, or when the client speaks an API older than 1.42 ({@code allByDefault}).
   */
  public synchronized JsonObject prune(Map<String, List<String>> filters, boolean allByDefault) {
    boolean all = allByDefault;
    for (String key : filters.keySet()) {
      if (!List.of("label", "label!", "all").contains(key)) {
        throw EngineException.invalidParameter("invalid filter '" + key + "'");
      }
    }
    for (String a : filters.getOrDefault("all", List.of())) {
      all = switch (a.toLowerCase()) {
        case "true", "1" -> true;
        case "false", "0" -> all;
        default -> throw EngineException.invalidParameter("invalid filter 'all=" + a + "'");
      };
    }
    JsonArray deleted = new JsonArray();
    long reclaimed = 0;
    for (Volume v : List.copyOf(volumes.values())) {
      if ((!all && !v.anonymous()) || !users.apply(v.name()).isEmpty()
          || !labelsMatch(filters.getOrDefault("label", List.of()), v.labels(), true)
          || !labelsMatch(filters.getOrDefault("label!", List.of()), v.labels(), false)) {
        continue;
      }
      long size = VolumeStore.size(v.mountpoint());
      delete(v);
      deleted.add(v.name());
      reclaimed += size;
    }
    events.publish("volume", "prune", "", Map.of("reclaimed", Long.toString(reclaimed)));
    return new JsonObject().put("VolumesDeleted", deleted).put("SpaceReclaimed", reclaimed);
  }

  /**
   * For `system df`: every volume's API object with UsageData {Size (bytes of its files),
   * RefCount (containers that mount it)}.
   */
  public JsonArray usage() {
    List<Volume> all;
    synchronized (this) {
      all = new ArrayList<>(volumes.values());
    }
    JsonArray out = new JsonArray();
    for (Volume v : all) {
      out.add(v.toApi().put("UsageData", new JsonObject()
          .put("Size", VolumeStore.size(v.mountpoint())).put("RefCount", users.apply(v.name()).size())));
    }
    return out;
  }

  /** The host path of a volume's data. */
  synchronized Path mountpoint(String name) {
    return get(name).mountpoint();
  }

  /** Mounts a volume with driver options (tmpfs, nfs, bind…) for a container that starts. */
  synchronized void mountFor(String name, String containerId) throws IOException {
    Volume v = volumes.get(name);
    if (v != null) {
      driverMounts.acquire(v, containerId);
    }
  }

  /** The container stopped: the last one out unmounts the volume's filesystem. */
  synchronized void unmountFor(String name, String containerId) {
    Volume v = volumes.get(name);
    if (v != null) {
      driverMounts.release(v, containerId);
    }
  }

  /** At engine start: running containers keep their volume mounts, the others' are undone. */
  synchronized void reconcileMounts(Map<String, List<String>> runningUsers) {
    for (Volume v : volumes.values()) {
      driverMounts.reconcile(v, runningUsers.getOrDefault(v.name(), List.of()));
    }
  }

  private void delete(Volume v) {
    try {
      driverMounts.unmount(v);
      store.delete(v.name());
    } catch (IOException e) {
      throw EngineException.system("remove " + v.name() + ": " + e.getMessage(), e);
    }
    volumes.remove(v.name());
    events.publish("volume", "destroy", v.name(), Map.of("driver", "local"));
  }

  private static boolean matchesAny(List<String> patterns, String value) {
    if (patterns == null || patterns.isEmpty()) {
      return true;
    }
    for (String p : patterns) {
      try {
        if (Pattern.compile(p).matcher(value).find()) {
          return true;
        }
      } catch (PatternSyntaxException e) {
        if (value.contains(p)) {
          return true;
        }
      }
    }
    return false;
  }

  /** "key" or "key=value"; {@code want} false inverts each (label!=...). */
  private static boolean labelsMatch(List<String> filters, JsonObject labels, boolean want) {
    for (String f : filters) {
      int eq = f.indexOf('=');
      String key = eq < 0 ? f : f.substring(0, eq);
      boolean has = labels.containsKey(key) && (eq < 0 || f.substring(eq + 1).equals(labels.getString(key)));
      if (has != want) {
        return false;
      }
    }
    return true;
  }
}
