package dev.berth.gateway.hosts;

import io.vertx.core.json.JsonObject;

import java.time.Instant;

/** The result of the last health check of a host. checkedAt is epoch millis, 0 = never. */
public record HostStatus(boolean up, String lastError, long checkedAt, String engineVersion, String apiVersion) {

  public static final HostStatus UNCHECKED = new HostStatus(false, "not checked yet", 0, null, null);

  public static HostStatus up(EngineInfo info, long now) {
    return new HostStatus(true, null, now, info.version(), info.apiVersion());
  }

  /** Down, keeping the last known engine version. */
  public HostStatus down(String error, long now) {
    return new HostStatus(false, error, now, engineVersion, apiVersion);
  }

  public JsonObject toJson() {
    return new JsonObject().put("up", up).put("lastError", lastError)
        .put("checkedAt", checkedAt == 0 ? null : Instant.ofEpochMilli(checkedAt).toString())
        .put("engineVersion", engineVersion).put("apiVersion", apiVersion);
  }
}
