package dev.berth.engine.security;

import dev.berth.engine.config.EngineConfig;
import dev.berth.engine.containers.Container;
import dev.berth.engine.containers.ContainerHook;
import dev.berth.engine.errors.EngineException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Confinement beyond namespaces and capabilities: the seccomp filter (the engine's default
 * profile unless the container asks otherwise, none for privileged containers, as dockerd),
 * no-new-privileges, and HostConfig.MaskedPaths/ReadonlyPaths (the CLI's
 * {@code --security-opt systempaths=unconfined} sends them empty).
 */
public final class SecurityHook implements ContainerHook {
  private final SeccompProfile engineDefault;
  private final Platform platform;

  /** @param engineDefault the profile for containers that name none; null runs them unconfined */
  public SecurityHook(SeccompProfile engineDefault, Platform platform) {
    this.engineDefault = engineDefault;
    this.platform = platform;
  }

  /** The hook for the engine's seccomp-profile setting: "" built-in, "unconfined", or a profile file. */
  public static SecurityHook forSetting(String setting) {
    SeccompProfile profile;
    if (setting == null || setting.isEmpty()) {
      profile = SeccompProfile.builtin();
    } else if (setting.equals("unconfined")) {
      profile = null;
    } else {
      try {
        profile = SeccompProfile.parse(Files.readString(Path.of(setting)));
      } catch (IOException | EngineException e) {
        throw new EngineConfig.ConfigException("seccomp-profile", "cannot use " + setting + ": " + e.getMessage());
      }
    }
    return new SecurityHook(profile, Platform.current());
  }

  @Override
  public void validate(JsonObject config, JsonObject hostConfig, JsonObject networkingConfig) {
    Object opts = hostConfig.getValue("SecurityOpt");
    if (opts != null && !(opts instanceof JsonArray)) {
      throw EngineException.invalidParameter("HostConfig.SecurityOpt must be an array of strings");
    }
    SecurityOptions.parse((JsonArray) opts);
    paths(hostConfig, "MaskedPaths");
    paths(hostConfig, "ReadonlyPaths");
  }

  @Override
  public void customizeSpec(Container c, JsonObject spec) {
    JsonObject host = c.hostConfig();
    SecurityOptions opts = SecurityOptions.parse(host.getJsonArray("SecurityOpt"));
    boolean privileged = host.getBoolean("Privileged", false);
    JsonObject process = spec.getJsonObject("process");
    JsonObject linux = spec.getJsonObject("linux");
    if (opts.noNewPrivileges()) {
      process.put("noNewPrivileges", true);
    }
    if (!privileged) {
      JsonArray masked = paths(host, "MaskedPaths");
      if (masked != null) {
        linux.put("maskedPaths", masked.copy());
      }
      JsonArray readonly = paths(host, "ReadonlyPaths");
      if (readonly != null) {
        linux.put("readonlyPaths", readonly.copy());
      }
    }
    SeccompProfile profile = privileged || opts.seccompUnconfined() ? null
        : opts.seccompJson() != null ? SeccompProfile.parse(opts.seccompJson()) : engineDefault;
    if (profile != null) {
      linux.put("seccomp", profile.toOci(boundingCaps(process), platform));
    } else {
      linux.remove("seccomp");
    }
  }

  private static Set<String> boundingCaps(JsonObject process) {
    Set<String> caps = new HashSet<>();
    JsonObject c = process.getJsonObject("capabilities");
    if (c != null && c.getJsonArray("bounding") != null) {
      c.getJsonArray("bounding").forEach(v -> caps.add(String.valueOf(v)));
    }
    return caps;
  }

  /** Absent or null: the engine's defaults; otherwise an array of absolute paths. */
  private static JsonArray paths(JsonObject host, String key) {
    Object v = host.getValue(key);
    if (v == null) {
      return null;
    }
    if (!(v instanceof JsonArray a) || a.stream().anyMatch(p -> !(p instanceof String s) || !s.startsWith("/"))) {
      throw EngineException.invalidParameter("HostConfig." + key + " must be an array of absolute paths");
    }
    return a;
  }
}
