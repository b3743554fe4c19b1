package dev.berth.gateway.policy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The security policy as pure functions over Docker API request bodies, so the REST
 * endpoints and the raw Docker-API proxy share one implementation.
 *
 * Field names are matched the way the engine's Go JSON decoder matches them: case
 * insensitively (with Go's special folds), and a field counts when any spelling of it
 * asks for the forbidden thing. Otherwise {"hostconfig":{"privileged":true}} would slip by.
 */
public final class SecurityPolicy {

  /** Engine sockets that exist on most hosts, besides the host's own socket path. */
  public static final Set<String> WELL_KNOWN_SOCKETS = Set.of(
      "/var/run/docker.sock", "/run/docker.sock", "/var/run/berth.sock", "/run/berth.sock",
      "/run/containerd/containerd.sock", "/run/podman/podman.sock");

  private SecurityPolicy() {
  }

  /**
   * Checks a POST /containers/create body.
   *
   * @param sockets engine socket paths on the host (the host's own plus the well-known ones)
   */
  public static Optional<PolicyViolation> checkContainerCreate(JsonObject body, PolicySettings settings,
                                                               Set<String> sockets) {
    List<PolicyViolation> found = new ArrayList<>();
    List<JsonObject> hostConfigs = objects(body, "HostConfig");
    for (JsonObject hc : hostConfigs) {
      if (isTrue(hc, "Privileged")) {
        found.add(new PolicyViolation(PolicyRule.PRIVILEGED, "HostConfig.Privileged"));
      }
      for (String opt : strings(hc, "SecurityOpt")) {
        String o = opt.toLowerCase(Locale.ROOT).replace(':', '=');
        if (o.endsWith("=unconfined") || o.equals("label=disable") || o.startsWith("systempaths=")) {
          found.add(new PolicyViolation(PolicyRule.PRIVILEGED, "HostConfig.SecurityOpt " + opt));
        }
      }
      for (String mode : List.of("NetworkMode", "PidMode", "IpcMode", "UTSMode", "UsernsMode")) {
        for (String value : strings(hc, mode)) {
          if ("host".equalsIgnoreCase(value.trim())) {
            found.add(new PolicyViolation(PolicyRule.HOST_NAMESPACES, "HostConfig." + mode + "=host"));
          }
        }
      }
      for (String bind : strings(hc, "Binds")) {
        String source = bind.split(":", 2)[0];
        if (source.startsWith("/")) {
          found.add(hostPath(source, "HostConfig.Binds " + bind, sockets));
        }
      }
      for (JsonObject mount : objectsIn(hc, "Mounts")) {
        mountViolation(mount, sockets).ifPresent(found::add);
      }
      if (!strings(hc, "CapAdd").isEmpty()) {
        found.add(new PolicyViolation(PolicyRule.CAPABILITIES, "HostConfig.CapAdd " + strings(hc, "CapAdd")));
      }
      for (String field : List.of("Devices", "DeviceRequests", "DeviceCgroupRules")) {
        if (values(hc, field).stream().anyMatch(v -> v instanceof JsonArray a && !a.isEmpty())) {
          found.add(new PolicyViolation(PolicyRule.DEVICES, "HostConfig." + field));
        }
      }
    }
    for (JsonObject networking : objects(body, "NetworkingConfig")) {
      for (JsonObject endpoints : objects(networking, "EndpointsConfig")) {
        if (endpoints.fieldNames().stream().anyMatch(n -> "host".equalsIgnoreCase(n))) {
          found.add(new PolicyViolation(PolicyRule.HOST_NAMESPACES, "NetworkingConfig host network"));
        }
      }
    }
    return found.stream().filter(v -> settings.enforces(v.rule())).findFirst();
  }

  /** Checks a POST /volumes/create body: the local driver can bind a host path too. */
  public static Optional<PolicyViolation> checkVolumeCreate(JsonObject body, PolicySettings settings,
                                                            Set<String> sockets) {
    List<PolicyViolation> found = new ArrayList<>();
    for (JsonObject opts : objects(body, "DriverOpts")) {
      driverOptsViolation(opts, "DriverOpts", sockets).ifPresent(found::add);
    }
    return found.stream().filter(v -> settings.enforces(v.rule())).findFirst();
  }

  private static Optional<PolicyViolation> mountViolation(JsonObject mount, Set<String> sockets) {
    String type = strings(mount, "Type").stream().findFirst().orElse("volume");
    String source = strings(mount, "Source").stream().findFirst().orElse("");
    if ("bind".equalsIgnoreCase(type)) {
      return Optional.of(hostPath(source, "HostConfig.Mounts bind " + source, sockets));
    }
    if ("volume".equalsIgnoreCase(type)) {
      for (JsonObject volumeOptions : objects(mount, "VolumeOptions")) {
        for (JsonObject driver : objects(volumeOptions, "DriverConfig")) {
          for (JsonObject opts : objects(driver, "Options")) {
            Optional<PolicyViolation> v = driverOptsViolation(opts, "HostConfig.Mounts volume options", sockets);
            if (v.isPresent()) {
              return v;
            }
          }
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<PolicyViolation> driverOptsViolation(JsonObject opts, String where, Set<String> sockets) {
    List<String> device = strings(opts, "device");
    boolean bind = strings(opts, "o").stream().anyMatch(o -> o.toLowerCase(Locale.ROOT).contains("bind"));
    if (!device.isEmpty() && device.get(0).startsWith("/") || bind) {
      String path = device.isEmpty() ? "" : device.get(0);
      return Optional.of(hostPath(path, where + " device=" + path, sockets));
    }
    return Optional.empty();
  }

  /** A host path mount: the engine socket rule when it exposes a socket, else bind mounts. */
  private static PolicyViolation hostPath(String source, String detail, Set<String> sockets) {
    if (exposesSocket(source, sockets)) {
      return new PolicyViolation(PolicyRule.ENGINE_SOCKET, detail);
    }
    return new PolicyViolation(PolicyRule.BIND_MOUNTS, detail);
  }

  /** True when the path is a socket or a directory above one (mounting /run exposes /run/docker.sock). */
  static boolean exposesSocket(String source, Set<String> sockets) {
    if (source.isEmpty() || !source.startsWith("/")) {
      return false;
    }
    Path src = Path.of(source).normalize();
    if (src.getFileName() != null && src.getFileName().toString().endsWith(".sock")) {
      return true;
    }
    for (String socket : sockets) {
      Path s = Path.of(socket).normalize();
      if (s.startsWith(src) || aliasOfVarRun(s).startsWith(src)) {
        return true;
      }
    }
    return false;
  }

  /** /var/run is a symlink to /run on modern systems: treat the two spellings alike. */
  private static Path aliasOfVarRun(Path socket) {
    String s = socket.toString();
    if (s.startsWith("/var/run/")) {
      return Path.of(s.substring(4));
    }
    if (s.startsWith("/run/")) {
      return Path.of("/var" + s);
    }
    return socket;
  }

  // --- case-insensitive access, as Go's encoding/json does it ---

  private static String fold(String name) {
    return name.replace('\u017f', 's').replace('\u212a', 'k').toLowerCase(Locale.ROOT);
  }

  private static List<Object> values(JsonObject obj, String name) {
    List<Object> out = new ArrayList<>();
    String want = fold(name);
    for (Map.Entry<String, Object> e : obj) {
      if (fold(e.getKey()).equals(want) && e.getValue() != null) {
        out.add(e.getValue());
      }
    }
    return out;
  }

  private static List<JsonObject> objects(JsonObject obj, String name) {
    List<JsonObject> out = new ArrayList<>();
    for (Object v : values(obj, name)) {
      if (v instanceof JsonObject o) {
        out.add(o);
      } else if (v instanceof Map<?, ?> m) {
        out.add(JsonObject.mapFrom(m));
      }
    }
    return out;
  }

  private static List<JsonObject> objectsIn(JsonObject obj, String name) {
    List<JsonObject> out = new ArrayList<>();
    for (Object v : values(obj, name)) {
      if (v instanceof JsonArray arr) {
        for (Object item : arr) {
          if (item instanceof JsonObject o) {
            out.add(o);
          }
        }
      }
    }
    return out;
  }

  /** A string field, or the strings of an array field. */
  private static List<String> strings(JsonObject obj, String name) {
    List<String> out = new ArrayList<>();
    for (Object v : values(obj, name)) {
      if (v instanceof String s) {
        out.add(s);
      } else if (v instanceof JsonArray arr) {
        for (Object item : arr) {
          if (item != null) {
            out.add(item.toString());
          }
        }
      }
    }
    return out;
  }

  private static boolean isTrue(JsonObject obj, String name) {
    return values(obj, name).stream().anyMatch(Boolean.TRUE::equals);
  }
}
