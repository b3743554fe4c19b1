package dev.berth.engine.health;

import dev.berth.engine.errors.EngineException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Config.Healthcheck (from the image's HEALTHCHECK or --health-*), with Docker's defaults:
 * every 30 s, 30 s timeout, 3 retries, no start period. Durations are nanoseconds.
 */
record HealthConfig(List<String> command, long intervalNanos, long timeoutNanos, int retries, long startPeriodNanos) {

  private static final long DEFAULT_NANOS = 30_000_000_000L;
  private static final long MIN_NANOS = 1_000_000L;

  /** The check to run, or null: none configured, or ["NONE"] (--no-healthcheck). */
  static HealthConfig of(JsonObject config) {
    JsonObject h = config.getJsonObject("Healthcheck");
    if (h == null) {
      return null;
    }
    List<String> test = new ArrayList<>();
    h.getJsonArray("Test", new JsonArray()).forEach(t -> test.add(String.valueOf(t)));
    List<String> command;
    if (test.isEmpty() || test.get(0).equals("NONE")) {
      return null;
    } else if (test.get(0).equals("CMD-SHELL")) {
      command = List.of("/bin/sh", "-c", String.join(" ", test.subList(1, test.size())));
    } else if (test.get(0).equals("CMD")) {
      command = List.copyOf(test.subList(1, test.size()));
    } else {
      return null;
    }
    if (command.isEmpty()) {
      return null;
    }
    return new HealthConfig(
        command,
        orDefault(h.getLong("Interval", 0L)),
        orDefault(h.getLong("Timeout", 0L)),
        h.getInteger("Retries", 0) > 0 ? h.getInteger("Retries") : 3,
        h.getLong("StartPeriod", 0L));
  }

  /** dockerd's checks at create, with its messages. */
  static void validate(JsonObject config) {
    JsonObject h = config.getJsonObject("Healthcheck");
    if (h == null) {
      return;
    }
    for (String key : List.of("Interval", "Timeout", "StartPeriod")) {
      long v = h.getLong(key, 0L);
      if (v != 0 && v < MIN_NANOS) {
        throw EngineException.invalidParameter(key + " in Healthcheck cannot be less than 1ms");
      }
    }
    if (h.getInteger("Retries", 0) < 0) {
      throw EngineException.invalidParameter("Retries in Healthcheck cannot be negative");
    }
  }

  private static long orDefault(long nanos) {
    return nanos > 0 ? nanos : DEFAULT_NANOS;
  }
}
