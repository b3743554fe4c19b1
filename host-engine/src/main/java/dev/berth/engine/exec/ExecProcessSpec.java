package dev.berth.engine.exec;

import dev.berth.engine.errors.EngineException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OCI process of an exec: the container's own process (from its bundle's config.json) with
 * the exec's command, TTY, environment, working directory, user and privileges, as Podman's
 * prepareProcessExec builds it.
 */
final class ExecProcessSpec {

  /** Every capability, for privileged execs (dockerd does the same). */
  private static final List<String> ALL_CAPS = dev.berth.engine.runtime.LinuxCapabilities.ALL;

  private ExecProcessSpec() {}

  static JsonObject build(ExecContainer container, ExecConfig config, int height, int width) {
    JsonObject process;
    try {
      process = new JsonObject(Files.readString(container.runtimeConfig())).getJsonObject("process").copy();
    } catch (IOException | RuntimeException e) {
      throw EngineException.system("cannot read the container's runtime config: " + e.getMessage(), e);
    }
    process.put("args", new JsonArray(config.cmd));
    process.put("terminal", config.tty);
    if (config.tty && height > 0 && width > 0) {
      process.put("consoleSize", new JsonObject().put("height", height).put("width", width));
    } else {
      process.remove("consoleSize");
    }
    process.put("env", env(process.getJsonArray("env"), config));
    if (config.workingDir != null && !config.workingDir.isEmpty()) {
      process.put("cwd", config.workingDir);
    }
    if (config.user != null && !config.user.isEmpty()) {
      ExecContainer.ProcessUser user = container.resolveUser(config.user);
      List<Integer> gids = new ArrayList<>();
      gids.add(user.gid());
      user.additionalGids().stream().filter(g -> !gids.contains(g)).forEach(gids::add);
      process.put(
          "user",
          new JsonObject().put("uid", user.uid()).put("gid", user.gid()).put("additionalGids", new JsonArray(gids)));
    }
    if (config.privileged) {
      JsonArray all = new JsonArray(ALL_CAPS);
      process.put(
          "capabilities",
          new JsonObject()
              .put("bounding", all)
              .put("effective", all.copy())
              .put("permitted", all.copy()));
      process.put("noNewPrivileges", false);
    }
    return process;
  }

  /** The container's environment, overridden key by key by the exec's; TERM=xterm with a TTY. */
  private static JsonArray env(JsonArray base, ExecConfig config) {
    Map<String, String> vars = new LinkedHashMap<>();
    if (base != null) {
      base.forEach(v -> put(vars, String.valueOf(v)));
    }
    if (config.tty && !vars.containsKey("TERM")) {
      vars.put("TERM", "TERM=xterm");
    }
    if (config.env != null) {
      config.env.forEach(v -> put(vars, v));
    }
    return new JsonArray(new ArrayList<>(vars.values()));
  }

  private static void put(Map<String, String> vars, String entry) {
    int eq = entry.indexOf('=');
    vars.put(eq < 0 ? entry : entry.substring(0, eq), entry);
  }
}
