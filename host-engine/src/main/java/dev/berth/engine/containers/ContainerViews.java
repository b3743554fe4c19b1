package dev.berth.engine.containers;

import dev.berth.engine.api.compat.DockerTime;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The JSON shapes of GET /containers/{id}/json and of one /containers/json entry. */
final class ContainerViews {

  private ContainerViews() {}

  static JsonObject inspect(Container c, boolean size) {
    JsonObject host = c.hostConfig();
    JsonObject state =
        new JsonObject()
            .put("Status", c.status())
            .put("Running", c.isRunning() || c.status().equals(Container.RESTARTING))
            .put("Paused", c.status().equals(Container.PAUSED))
            .put("Restarting", c.status().equals(Container.RESTARTING))
            .put("OOMKilled", c.oomKilled())
            .put("Dead", c.status().equals(Container.DEAD))
            .put("Pid", c.pid())
            .put("ExitCode", c.exitCode())
            .put("Error", c.error())
            .put("StartedAt", DockerTime.format(c.startedNano()))
            .put("FinishedAt", DockerTime.format(c.finishedNano()));
    JsonObject out =
        new JsonObject()
            .put("Id", c.id())
            .put("Created", DockerTime.format(c.createdNano()))
            .put("Path", c.path())
            .put("Args", new JsonArray(new java.util.ArrayList<>(c.args())))
            .put("State", state)
            .put("Image", c.imageId())
            .put("ResolvConfPath", c.resolvConfPath().toString())
            .put("HostnamePath", c.hostnamePath().toString())
            .put("HostsPath", c.hostsPath().toString())
            .put("LogPath", c.logPath().toString())
            .put("Name", "/" + c.name())
            .put("RestartCount", c.restartCount())
            .put("Driver", "overlay2")
            .put("Platform", "linux")
            .put("MountLabel", "")
            .put("ProcessLabel", "")
            .put("AppArmorProfile", "")
            .put("ExecIDs", null)
            .put("HostConfig", hostConfigView(host))
            .put(
                "GraphDriver",
                new JsonObject()
                    .put("Name", "overlay2")
                    .put(
                        "Data",
                        new JsonObject()
                            .put("LowerDir", String.join(":", c.lowerDirs().stream().map(Path::toString).toList()))
                            .put("MergedDir", c.rootfsDir().toString())
                            .put("UpperDir", Rootfs.upperDir(c).toString())
                            .put("WorkDir", c.dataDir().resolve("work").toString())))
            // the volumes hook (describe/summarize) fills Mounts from the mounts resolved at create
            .put("Mounts", new JsonArray())
            .put("Config", c.config())
            .put("NetworkSettings", networkSettings(c, host));
    if (size) {
      long rw = du(Rootfs.upperDir(c));
      out.put("SizeRw", rw).put("SizeRootFs", rw + c.lowerDirs().stream().mapToLong(ContainerViews::du).sum());
    }
    return out;
  }

  private static JsonObject hostConfigView(JsonObject host) {
    JsonObject h = host.copy();
    for (String key : List.of("Binds", "CapAdd", "CapDrop", "Mounts", "Dns", "DnsOptions", "DnsSearch", "ExtraHosts")) {
      if (!h.containsKey(key)) {
        h.put(key, null);
      }
    }
    h.put("LogConfig", h.getJsonObject("LogConfig", new JsonObject().put("Type", "k8s-file").put("Config", new JsonObject())));
    h.put("Privileged", h.getBoolean("Privileged", false));
    h.put("ReadonlyRootfs", h.getBoolean("ReadonlyRootfs", false));
    h.put("AutoRemove", h.getBoolean("AutoRemove", false));
    h.put("Memory", h.getLong("Memory", 0L));
    h.put("NanoCpus", h.getLong("NanoCpus", 0L));
    h.put("PidsLimit", h.getValue("PidsLimit"));
    h.put("ShmSize", h.getLong("ShmSize", 0L) > 0 ? h.getLong("ShmSize") : OciSpecBuilder.DEFAULT_SHM);
    h.put("PortBindings", h.getJsonObject("PortBindings", new JsonObject()));
    return h;
  }

  private static JsonObject networkSettings(Container c, JsonObject host) {
    JsonObject networks = networks(host.getString("NetworkMode", "default"));
    return new JsonObject()
        .put("Bridge", "")
        .put("SandboxID", "")
        .put("HairpinMode", false)
        .put("LinkLocalIPv6Address", "")
        .put("LinkLocalIPv6PrefixLen", 0)
        .put("Ports", new JsonObject())
        .put("SandboxKey", c.pid() > 0 ? "/proc/" + c.pid() + "/ns/net" : "")
        .put("SecondaryIPAddresses", null)
        .put("SecondaryIPv6Addresses", null)
        .put("EndpointID", "")
        .put("Gateway", "")
        .put("GlobalIPv6Address", "")
        .put("GlobalIPv6PrefixLen", 0)
        .put("IPAddress", "")
        .put("IPPrefixLen", 0)
        .put("IPv6Gateway", "")
        .put("MacAddress", "")
        .put("Networks", networks);
  }

  /** NetworkSettings.Networks as the core knows it: an entry for host / none, else empty. */
  private static JsonObject networks(String mode) {
    JsonObject networks = new JsonObject();
    if (mode.equals("host") || mode.equals("none")) {
      networks.put(
          mode,
          new JsonObject()
              .put("IPAMConfig", null)
              .put("Links", null)
              .put("Aliases", null)
              .put("NetworkID", "")
              .put("EndpointID", "")
              .put("Gateway", "")
              .put("IPAddress", "")
              .put("IPPrefixLen", 0)
              .put("IPv6Gateway", "")
              .put("GlobalIPv6Address", "")
              .put("GlobalIPv6PrefixLen", 0)
              .put("MacAddress", "")
              .put("DriverOpts", null));
    }
    return networks;
  }

  /** One entry of GET /containers/json. */
  static JsonObject summary(Container c, boolean size) {
    JsonObject host = c.hostConfigView();
    StringBuilder command = new StringBuilder(c.path());
    for (String a : c.args()) {
      command.append(' ').append(a.contains(" ") ? "'" + a + "'" : a);
    }
    JsonObject out =
        new JsonObject()
            .put("Id", c.id())
            .put("Names", new JsonArray().add("/" + c.name()))
            .put("Image", c.imageRef())
            .put("ImageID", c.imageId())
            .put("Command", command.toString())
            .put("Created", c.createdNano() / 1_000_000_000L)
            .put("Ports", new JsonArray())
            // shared, not copied: the entry is encoded and dropped, and no hook changes Labels
            .put("Labels", c.configView().getJsonObject("Labels", new JsonObject()))
            .put("State", c.status())
            .put("Status", humanStatus(c, DockerTime.nowNano()))
            .put("HostConfig", new JsonObject().put("NetworkMode", host.getString("NetworkMode", "default")))
            .put("NetworkSettings", new JsonObject().put("Networks", networks(host.getString("NetworkMode", "default"))))
            .put("Mounts", new JsonArray());
    if (size) {
      long rw = du(Rootfs.upperDir(c));
      out.put("SizeRw", rw).put("SizeRootFs", rw + c.lowerDirs().stream().mapToLong(ContainerViews::du).sum());
    }
    return out;
  }

  /** "Up 5 seconds", "Up 2 minutes (Paused)", "Exited (0) 3 seconds ago", "Created". */
  static String humanStatus(Container c, long nowNano) {
    return switch (c.status()) {
      case Container.RUNNING -> "Up " + humanDuration(nowNano - c.startedNano());
      case Container.PAUSED -> "Up " + humanDuration(nowNano - c.startedNano()) + " (Paused)";
      case Container.RESTARTING ->
          "Restarting (" + c.exitCode() + ") " + humanDuration(nowNano - c.finishedNano()) + " ago";
      case Container.REMOVING -> "Removal In Progress";
      case Container.DEAD -> "Dead";
      case Container.EXITED ->
          c.finishedNano() > 0
              ? "Exited (" + c.exitCode() + ") " + humanDuration(nowNano - c.finishedNano()) + " ago"
              : "Exited (" + c.exitCode() + ")";
      default -> "Created";
    };
  }

  /** Docker's units.HumanDuration. */
  static String humanDuration(long nanos) {
    long seconds = nanos / 1_000_000_000L;
    if (seconds < 1) {
      return "Less than a second";
    } else if (seconds == 1) {
      return "1 second";
    } else if (seconds < 60) {
      return seconds + " seconds";
    }
    long minutes = seconds / 60;
    if (minutes == 1) {
      return "About a minute";
    } else if (minutes < 60) {
      return minutes + " minutes";
    }
    long hours = Math.round(nanos / 3.6e12);
    if (hours == 1) {
      return "About an hour";
    } else if (hours < 48) {
      return hours + " hours";
    } else if (hours < 24 * 7 * 2) {
      return hours / 24 + " days";
    } else if (hours < 24 * 30 * 2) {
      return hours / 24 / 7 + " weeks";
    } else if (hours < 24 * 365 * 2) {
      return hours / 24 / 30 + " months";
    }
    return seconds / 3600 / 24 / 365 + " years";
  }

  /** Bytes the container wrote (its overlay upper dir). */
  static long upperSize(Container c) {
    return du(Rootfs.upperDir(c));
  }

  private static long du(Path dir) {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
          .mapToLong(p -> {
            try {
              return Files.size(p);
            } catch (IOException e) {
              return 0;
            }
          })
          .sum();
    } catch (IOException | java.io.UncheckedIOException e) {
      return 0;
    }
  }
}
