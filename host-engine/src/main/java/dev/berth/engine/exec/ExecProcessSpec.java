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

  /** Every capability up to CAP_CHECKPOINT_RESTORE, for privileged execs. */
  private static final List<String> ALL_CAPS =
      List.of(
          "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID",
          "CAP_KILL", "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE",
          "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW",
          "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT",
          "CAP_SYS_PTRACE", "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE",
          "CAP_SYS_RESOURCE", "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE",
          "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP", "CAP_MAC_OVERRIDE",
          "CAP_MAC_ADMIN", "CAP_SYSLOG", "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ",
          "CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE");

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
