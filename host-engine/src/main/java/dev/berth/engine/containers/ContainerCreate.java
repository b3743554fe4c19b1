package dev.berth.engine.containers;

import dev.berth.engine.api.compat.DockerTime;
import dev.berth.engine.errors.EngineException;
import dev.berth.engine.images.ImageLookup;
import dev.berth.engine.util.Ids;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * POST /containers/create: validates everything first, then writes the container's folder with
 * its state file last, so that any failure leaves nothing behind.
 */
final class ContainerCreate {

  private static final long MIN_MEMORY = 6L * 1024 * 1024;

  private ContainerCreate() {}

  static Container create(ContainerService s, JsonObject body, String requestedName) {
    String name = requestedName == null || requestedName.isEmpty() ? null : Names.validate(requestedName);
    String imageRef = body.getString("Image", "");
    if (imageRef.isEmpty()) {
      throw EngineException.invalidParameter("No image was specified for the container");
    }
    JsonObject hostConfig = validateHostConfig(body.getJsonObject("HostConfig", new JsonObject()).copy());
    JsonObject userConfig = body.copy();
    userConfig.remove("HostConfig");
    userConfig.remove("NetworkingConfig");
    JsonObject networking = body.getJsonObject("NetworkingConfig", new JsonObject()).copy();
    ImageLookup.ImageInfo image = s.images.resolve(imageRef);

    JsonObject config = ConfigMerge.merge(userConfig, image.config());
    List<String> command = ConfigMerge.command(config);
    String cwd = config.getString("WorkingDir", "");
    if (!cwd.isEmpty() && !cwd.startsWith("/")) {
      throw EngineException.invalidParameter(
          "the working directory '" + cwd + "' is invalid, it needs to be an absolute path");
    }
    String id = newId(s);
    boolean hostNetwork = hostConfig.getString("NetworkMode").equals("host");
    String hostname = config.getString("Hostname", "");
    if (hostname.isEmpty()) {
      hostname = hostNetwork ? hostHostname() : id.substring(0, 12);
    }
    config.put("Hostname", hostname);
    s.hooks.validate(config, hostConfig, networking);
    config.put("Domainname", config.getString("Domainname", ""));
    config.put("Image", imageRef);
    for (String key : List.of("AttachStdin", "AttachStdout", "AttachStderr", "Tty", "OpenStdin", "StdinOnce")) {
      config.put(key, config.getBoolean(key, false));
    }

    if (name == null) {
      name = freeGeneratedName(s);
    }
    s.reserveName(name, id);
    Container c =
        s.store.newContainer(
            id, name, DockerTime.nowNano(), config, hostConfig, image.id(), command.get(0),
            command.subList(1, command.size()), image.lowerDirs());
    boolean hooked = false;
    try {
      Files.createDirectories(c.dataDir());
      EtcFiles.write(c, hostname, hostNetwork);
      s.hooks.created(c, networking);
      hooked = true;
      s.store.save(c);
    } catch (IOException | RuntimeException e) {
      if (hooked) {
        s.hooks.removed(c);
      }
      s.releaseName(name, id);
      try {
        ContainerStore.deleteTree(c.dataDir());
      } catch (IOException ignored) {
        // the next start of the engine removes a folder without state
      }
      throw e instanceof EngineException ee ? ee : EngineException.system("cannot create container: " + e.getMessage(), e);
    }
    s.register(c);
    s.publish(c, "create", Map.of());
    return c;
  }

  static JsonObject validateHostConfig(JsonObject h) {
    String mode = h.getString("NetworkMode", "");
    if (mode.isEmpty()) {
      mode = "default";
    }
    // user networks and container:<id> are resolved by the network hook's validate
    h.put("NetworkMode", mode);
    long memory = h.getLong("Memory", 0L);
    if (memory < 0 || memory > 0 && memory < MIN_MEMORY) {
      throw EngineException.invalidParameter("Minimum memory limit allowed is 6MB");
    }
    long swap = h.getLong("MemorySwap", 0L);
    if (swap > 0 && memory == 0) {
      throw EngineException.invalidParameter("You should always set the Memory limit when using Memoryswap limit, see usage");
    }
    if (swap > 0 && swap < memory) {
      throw EngineException.invalidParameter("Minimum memoryswap limit should be larger than memory limit, see usage");
    }
    long nano = h.getLong("NanoCpus", 0L);
    int cpus = Runtime.getRuntime().availableProcessors();
    if (nano < 0 || nano > cpus * 1_000_000_000L) {
      throw EngineException.invalidParameter(
          "Range of CPUs is from 0.01 to " + cpus + ".00, as there are only " + cpus + " CPUs available");
    }
    if (nano > 0 && (h.getLong("CpuQuota", 0L) > 0 || h.getLong("CpuPeriod", 0L) > 0)) {
      throw EngineException.invalidParameter("Conflicting options: Nano CPUs and CPU Period cannot both be set");
    }
    for (String key : List.of("CapAdd", "CapDrop")) {
      List<String> caps = ConfigMerge.strings(h.getValue(key));
      caps.forEach(Capabilities::normalize);
      h.put(key, caps.isEmpty() ? null : new JsonArray(List.copyOf(caps)));
    }
    MountPoints.parse(h);
    JsonObject restart = h.getJsonObject("RestartPolicy", new JsonObject());
    String policy = restart.getString("Name", "");
    if (!Set.of("", "no", "always", "unless-stopped", "on-failure").contains(policy)) {
      throw EngineException.invalidParameter("invalid restart policy '" + policy + "'");
    }
    if (h.getBoolean("AutoRemove", false) && !policy.isEmpty() && !policy.equals("no")) {
      throw EngineException.invalidParameter("can't create 'AutoRemove' container with restart policy");
    }
    h.put("RestartPolicy", new JsonObject().put("Name", policy.isEmpty() ? "no" : policy)
        .put("MaximumRetryCount", restart.getInteger("MaximumRetryCount", 0)));
    return h;
  }

  /** 64 hex; the 12-char short id must be unique (bundle folders use it) and not all digits. */
  private static String newId(ContainerService s) {
    while (true) {
      String id = Ids.random64();
      String shortId = id.substring(0, 12);
      if (!shortId.matches("\\d+") && s.all().stream().noneMatch(c -> c.id().startsWith(shortId))) {
        return id;
      }
    }
  }

  private static String freeGeneratedName(ContainerService s) {
    for (int attempt = 0; ; attempt++) {
      String n = Names.generate(attempt);
      if (!s.nameTaken(n)) {
        return n;
      }
    }
  }

  private static String hostHostname() {
    try {
      return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
    } catch (IOException e) {
      return "localhost";
    }
  }
}
