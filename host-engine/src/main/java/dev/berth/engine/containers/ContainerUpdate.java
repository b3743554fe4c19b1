package dev.berth.engine.containers;

import dev.berth.engine.errors.EngineException;
import dev.berth.engine.runtime.OciRuntimeException;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * POST /containers/{id}/update: new limits and restart policy. As in dockerd, fields left at
 * zero stay as they are; the merged HostConfig passes create's validation before anything
 * changes, and a running container gets the new limits through the runtime at once.
 */
final class ContainerUpdate {

  private static final List<String> LIMITS =
      List.of("Memory", "MemorySwap", "NanoCpus", "CpuShares", "CpuQuota", "CpuPeriod", "PidsLimit");

  private ContainerUpdate() {}

  static void update(ContainerService s, Container c, JsonObject body) {
    JsonObject changes = new JsonObject();
    for (String key : LIMITS) {
      Object v = body.getValue(key);
      if (v != null && !(v instanceof Number)) {
        throw EngineException.invalidParameter("invalid type for " + key + ": a number is expected");
      }
      if (v != null && ((Number) v).longValue() != 0) {
        changes.put(key, ((Number) v).longValue());
      }
    }
    JsonObject restart = body.getJsonObject("RestartPolicy");
    if (restart != null && !restart.getString("Name", "").isEmpty()) {
      changes.put("RestartPolicy", restart.copy());
    }
    s.locked(c, () -> {
      JsonObject current = c.hostConfig();
      if (changes.containsKey("RestartPolicy") && current.getBoolean("AutoRemove", false)) {
        throw EngineException.invalidParameter("Restart policy cannot be updated because AutoRemove is enabled for the container");
      }
      if (changes.containsKey("NanoCpus")) {
        // --cpus replaces a quota set with --cpu-quota, and the other way round
        current.remove("CpuQuota");
        current.remove("CpuPeriod");
      } else if (changes.containsKey("CpuQuota")) {
        current.remove("NanoCpus");
      }
      JsonObject merged = ContainerCreate.validateHostConfig(current.mergeIn(changes));
      if (c.isRunning()) {
        JsonObject resources = OciSpecBuilder.resources(merged, merged.getBoolean("Privileged", false));
        resources.remove("devices");
        try {
          s.runtime.update(c.id(), resources);
        } catch (OciRuntimeException e) {
          throw EngineException.system("Cannot update container " + c.id() + ": " + e.getMessage(), e);
        }
      }
      JsonObject stored = new JsonObject();
      for (String key : LIMITS) {
        Object v = merged.getValue(key);
        if (v != null || c.hostConfig().containsKey(key)) {
          stored.put(key, v == null && !key.equals("PidsLimit") ? Long.valueOf(0) : v);
        }
      }
      stored.put("RestartPolicy", merged.getJsonObject("RestartPolicy"));
      c.updateHostConfig(stored);
      s.save(c);
      s.publish(c, "update", Map.of());
      return null;
    });
  }
}
