package dev.berth.engine.volumes;

import dev.berth.engine.containers.Container;
import dev.berth.engine.containers.ContainerHook;
import dev.berth.engine.containers.ContainerService;
import dev.berth.engine.containers.MountPoints;
import dev.berth.engine.containers.MountPoints.MountPoint;
import dev.berth.engine.errors.EngineException;
import dev.berth.engine.events.EventLog;
import dev.berth.engine.util.Ids;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Volumes in a container's life. At create: --volumes-from, then Binds/Mounts/Tmpfs, then the
 * image's (and -v /path's) Config.Volumes as anonymous volumes, dockerd's order; named volumes
 * are created when missing, and the result is saved beside the container. At start: copy-up
 * into empty volumes, and mount events. At removal: the anonymous volumes go with rm -v or --rm.
 */
public final class VolumeMounts implements ContainerHook {

  private static final Logger LOG = Logger.getLogger(VolumeMounts.class.getName());

  private final VolumeService volumes;
  private final ContainerService containers;
  private final EventLog events;
  private final Map<String, List<MountPoint>> byContainer = new ConcurrentHashMap<>();
  private final Set<String> mountEventsSent = ConcurrentHashMap.newKeySet();

  public VolumeMounts(VolumeService volumes, ContainerService containers, EventLog events) {
    this.volumes = volumes;
    this.containers = containers;
    this.events = events;
    volumes.setUsers(this::containersUsing);
    Map<String, List<String>> running = new java.util.HashMap<>();
    for (Container c : containers.all()) {
      if (c.isRunning()) {
        volumeNames(c).forEach(n -> running.computeIfAbsent(n, k -> new ArrayList<>()).add(c.id()));
      }
    }
    volumes.reconcileMounts(running);
  }

  @Override
  public void validate(JsonObject config, JsonObject hostConfig, JsonObject networkingConfig) {
    for (String from : strings(hostConfig.getValue("VolumesFrom"))) {
      String[] parts = from.split(":");
      if (parts.length > 2 || parts[0].isEmpty()) {
        throw EngineException.invalidParameter("invalid volumes-from specification: " + from);
      }
      if (parts.length == 2 && !parts[1].equals("ro") && !parts[1].equals("rw")) {
        throw EngineException.invalidParameter("invalid mode: " + parts[1]);
      }
      containers.get(parts[0]);
    }
    JsonObject vols = config.getJsonObject("Volumes");
    if (vols != null) {
      for (String dest : vols.fieldNames()) {
        if (!dest.startsWith("/")) {
          throw EngineException.invalidParameter(
              "invalid mount config for type \"volume\": invalid mount path: '" + dest + "' mount path must be absolute");
        }
      }
    }
  }

  @Override
  public void created(Container c, JsonObject networkingConfig) throws IOException {
    Map<String, MountPoint> byDest = new LinkedHashMap<>();
    for (String from : strings(c.hostConfig().getValue("VolumesFrom"))) {
      String[] parts = from.split(":");
      Container other = containers.get(parts[0]);
      for (MountPoint m : mounts(other)) {
        if (m.type().equals("tmpfs")) {
          continue; // dockerd shares volumes and binds, not tmpfs
        }
        // the other container owns its anonymous volumes: rm -v of this one must leave them
        MountPoint copy = m.withVolume(m.name(), m.source(), false);
        byDest.put(m.destination(), parts.length == 2 ? copy.withRw(parts[1].equals("rw")) : copy);
      }
    }
    for (MountPoint m : MountPoints.parse(c.hostConfig())) {
      byDest.put(m.destination(), m);
    }
    JsonObject vols = c.config().getJsonObject("Volumes");
    if (vols != null) {
      for (String dest : vols.fieldNames()) {
        String d = java.nio.file.Path.of(dest).normalize().toString();
        byDest.putIfAbsent(d, new MountPoint("volume", "", "", d, true, "", "", true, true, new JsonObject(), true));
      }
    }
    List<MountPoint> resolved = new ArrayList<>();
    List<String> createdHere = new ArrayList<>();
    synchronized (volumes) {
      try {
        for (MountPoint m : byDest.values()) {
          resolved.add(m.type().equals("volume") && m.source().isEmpty() ? bind(m, createdHere) : m);
        }
        resolved.sort(Comparator.comparingInt(m -> m.destination().split("/").length));
        MountPoints.save(c, resolved);
        byContainer.put(c.id(), resolved);
      } catch (IOException | RuntimeException e) {
        createdHere.forEach(volumes::removeIfUnused);
        throw e;
      }
    }
  }

  /** Gives a volume mount its volume: a new anonymous one, or the named one (created if missing). */
  private MountPoint bind(MountPoint m, List<String> createdHere) {
    boolean anonymous = m.name().isEmpty();
    String name = anonymous ? Ids.random64() : m.name();
    JsonObject labels = m.options().getJsonObject("Labels", new JsonObject()).copy();
    if (anonymous) {
      labels.put(Volume.ANONYMOUS, "");
    }
    boolean existed = !anonymous && volumes.exists(name);
    Volume v = volumes.ensure(name, labels, m.options().getJsonObject("DriverOpts"));
    if (!existed) {
      createdHere.add(name);
    }
    return m.withVolume(name, v.mountpoint().toString(), anonymous);
  }

  @Override
  public void prepare(Container c) throws IOException {
    List<MountPoint> list = mounts(c);
    for (MountPoint m : list) {
      if (m.type().equals("volume")) {
        volumes.mountFor(m.name(), c.id());
        if (m.copyData()) {
          CopyUp.copyIfEmpty(c.rootfsDir(), m.destination(), volumes.mountpoint(m.name()));
        }
      }
    }
    if (mountEventsSent.add(c.id())) {
      for (MountPoint m : list) {
        if (m.type().equals("volume")) {
          events.publish("volume", "mount", m.name(), Map.of(
              "container", c.id(), "destination", m.destination(), "driver", "local",
              "propagation", m.propagation(), "read/write", Boolean.toString(m.rw())));
        }
      }
    }
  }

  @Override
  public void released(Container c) {
    for (String name : volumeNames(c)) {
      volumes.unmountFor(name, c.id());
    }
    if (mountEventsSent.remove(c.id())) {
      for (MountPoint m : mounts(c)) {
        if (m.type().equals("volume")) {
          events.publish("volume", "unmount", m.name(), Map.of("container", c.id(), "driver", "local"));
        }
      }
    }
  }

  @Override
  public void removed(Container c) {
    List<MountPoint> list = byContainer.get(c.id());
    if (list == null) {
      return;
    }
    // from here on the container no longer counts as a user of its volumes
    byContainer.put(c.id(), List.of());
    try {
      boolean createFailed = containers.all().stream().noneMatch(x -> x == c);
      if (createFailed || c.removesVolumes() || c.hostConfig().getBoolean("AutoRemove", false)) {
        for (MountPoint m : list) {
          if (m.type().equals("volume") && m.anonymous()) {
            try {
              volumes.removeIfUnused(m.name());
            } catch (RuntimeException e) {
              LOG.warning("removing anonymous volume " + m.name() + " of " + c.id() + ": " + e.getMessage());
            }
          }
        }
      }
    } finally {
      byContainer.remove(c.id());
    }
  }

  @Override
  public void describe(Container c, JsonObject inspect) {
    inspect.put("Mounts", listed(c));
  }

  @Override
  public void summarize(Container c, JsonObject summary) {
    summary.put("Mounts", listed(c));
  }

  /**
   * The resolved mounts, read once and then fixed. Until they are read (or while reading them
   * fails) a new object each time, so the entry is made again, and the read tried again, at every list.
   */
  @Override
  public Object summaryStamp(Container c) {
    List<MountPoint> read = byContainer.get(c.id());
    return read != null ? read : new Object();
  }

  private JsonArray listed(Container c) {
    JsonArray out = new JsonArray();
    mounts(c).stream().filter(MountPoint::listed).forEach(m -> out.add(m.toInspect()));
    return out;
  }

  /** The container's resolved mounts, read once from its folder. */
  private List<MountPoint> mounts(Container c) {
    List<MountPoint> cached = byContainer.get(c.id());
    if (cached != null) {
      return cached;
    }
    try {
      List<MountPoint> read = MountPoints.of(c);
      byContainer.put(c.id(), read);
      return read;
    } catch (IOException | RuntimeException e) {
      LOG.warning("mounts of " + c.id() + ": " + e.getMessage());
      return List.of();
    }
  }

  private List<String> volumeNames(Container c) {
    return mounts(c).stream().filter(m -> m.type().equals("volume")).map(MountPoint::name).toList();
  }

  /** Ids of the containers that mount the volume {@code name}. */
  private List<String> containersUsing(String name) {
    List<String> out = new ArrayList<>();
    for (Container c : containers.all()) {
      if (mounts(c).stream().anyMatch(m -> m.type().equals("volume") && m.name().equals(name))) {
        out.add(c.id());
      }
    }
    return out;
  }

  private static List<String> strings(Object value) {
    List<String> out = new ArrayList<>();
    if (value instanceof JsonArray a) {
      a.forEach(o -> out.add(String.valueOf(o)));
    }
    return out;
  }
}
