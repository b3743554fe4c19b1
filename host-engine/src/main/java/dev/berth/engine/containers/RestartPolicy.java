package dev.berth.engine.containers;

import io.vertx.core.json.JsonObject;

/** HostConfig.RestartPolicy: no, always, unless-stopped, on-failure[:N] (N = 0: no maximum). */
record RestartPolicy(String name, int maximumRetryCount) {

  static RestartPolicy of(JsonObject hostConfig) {
    JsonObject p = hostConfig.getJsonObject("RestartPolicy", new JsonObject());
    String name = p.getString("Name", "no");
    return new RestartPolicy(name.isEmpty() ? "no" : name, p.getInteger("MaximumRetryCount", 0));
  }

  /** After an exit: moby's RestartManager.ShouldRestart, with a manual stop honoured by every policy. */
  boolean restartsAfterExit(int exitCode, int restartCount, boolean manuallyStopped) {
    if (manuallyStopped) {
      return false;
    }
    return switch (name) {
      case "always", "unless-stopped" -> true;
      case "on-failure" -> exitCode != 0 && (maximumRetryCount == 0 || restartCount < maximumRetryCount);
      default -> false;
    };
  }

  /**
   * At engine start, for a container that is not running: `always` comes back even after a
   * manual stop (dockerd does the same at its start), `unless-stopped` only if not stopped by
   * the user, `on-failure` if its last exit was a failure with retries left.
   */
  boolean startsWithEngine(int exitCode, int restartCount, boolean manuallyStopped) {
    return switch (name) {
      case "always" -> true;
      case "unless-stopped" -> !manuallyStopped;
      case "on-failure" -> restartsAfterExit(exitCode, restartCount, manuallyStopped);
      default -> false;
    };
  }
}
