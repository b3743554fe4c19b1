package dev.berth.engine.health;

import dev.berth.engine.api.compat.DockerTime;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.Deque;

/** State.Health of one container: status, failing streak and the last five results. */
final class HealthState {

  static final String STARTING = "starting";
  static final String HEALTHY = "healthy";
  static final String UNHEALTHY = "unhealthy";
  private static final int MAX_LOG = 5;

  /** One probe's outcome; exitCode -1 when it timed out or could not run. */
  record Result(long startNano, long endNano, int exitCode, String output) {}

  private String status = STARTING;
  private int failingStreak;
  private final Deque<Result> log = new ArrayDeque<>();

  /**
   * Applies a result (moby's handleProbeResult); returns the new status if it changed, else
   * null. Failures inside the start period do not count while the container is still starting.
   */
  synchronized String record(Result r, int retries, boolean inStartPeriod) {
    log.addLast(r);
    while (log.size() > MAX_LOG) {
      log.removeFirst();
    }
    String before = status;
    if (r.exitCode() == 0) {
      failingStreak = 0;
      status = HEALTHY;
    } else if (!(inStartPeriod && status.equals(STARTING))) {
      failingStreak++;
      if (failingStreak >= retries) {
        status = UNHEALTHY;
      }
    }
    return status.equals(before) ? null : status;
  }

  synchronized String status() {
    return status;
  }

  synchronized JsonObject toJson() {
    JsonArray entries = new JsonArray();
    for (Result r : log) {
      entries.add(
          new JsonObject()
              .put("Start", DockerTime.format(r.startNano()))
              .put("End", DockerTime.format(r.endNano()))
              .put("ExitCode", r.exitCode())
              .put("Output", r.output()));
    }
    return new JsonObject().put("Status", status).put("FailingStreak", failingStreak).put("Log", entries);
  }
}
