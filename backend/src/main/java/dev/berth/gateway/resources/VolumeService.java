package dev.berth.gateway.resources;

import dev.berth.gateway.hosts.EngineRequest;
import dev.berth.gateway.hosts.HostAccess;
import dev.berth.gateway.hosts.HostRecord;
import dev.berth.gateway.http.ApiError;
import dev.berth.gateway.policy.SecurityPolicy;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Set;

/** Volume operations on one host. */
public final class VolumeService {

  private static final Set<String> CREATE_FIELDS = Set.of("name", "driver", "driverOpts", "labels");

  private final EngineCalls engine;

  public VolumeService(HostAccess access) {
    this.engine = new EngineCalls(access);
  }

  /** {items: [{name, driver, mountpoint, createdAt, labels, scope, options}], total}. */
  public Future<JsonObject> list(String hostId) {
    return engine.object(hostId, EngineRequest.get("/volumes")).map(r -> {
      JsonArray items = new JsonArray();
      for (Object o : Json.array(r, "Volumes")) {
        items.add(view((JsonObject) o));
      }
      return new JsonObject().put("items", items).put("total", items.size());
    });
  }

  /**
   * Spec {name?, driver?, driverOpts?, labels?}; the policy applies to driver options (the
   * local driver can bind a host path). Answers the new volume's view.
   */
  public Future<JsonObject> create(HostRecord host, JsonObject spec, boolean policyApplies) {
    for (String field : spec.fieldNames()) {
      if (!CREATE_FIELDS.contains(field)) {
        throw ApiError.badRequest("unknown field in volume spec: " + field + " (allowed: " + CREATE_FIELDS + ")");
      }
    }
    JsonObject body = new JsonObject();
    if (spec.getValue("name") != null) {
      if (!(spec.getValue("name") instanceof String name)) {
        throw ApiError.badRequest("name must be a string");
      }
      body.put("Name", Ids.object(name, "volume name"));
    }
    if (spec.getValue("driver") != null) {
      if (!(spec.getValue("driver") instanceof String driver) || !driver.matches("[a-zA-Z0-9_./:-]{1,128}")) {
        throw ApiError.badRequest("driver must be a volume driver name");
      }
      body.put("Driver", driver);
    }
    body.put("DriverOpts", strings(spec, "driverOpts"));
    body.put("Labels", strings(spec, "labels"));
    if (policyApplies) {
      SecurityPolicy.checkVolumeCreate(body, host.policy(), host.engineSockets()).ifPresent(v -> {
        throw ApiError.policyViolation(v.message());
      });
    }
    return engine.object(host.id(), EngineRequest.post("/volumes/create", body)).map(VolumeService::view);
  }

  public Future<Void> remove(String hostId, String name, boolean force) {
    return engine.run(hostId, EngineRequest.delete("/volumes/" + Ids.object(name, "volume"))
        .param("force", force ? "1" : null));
  }

  private static JsonObject view(JsonObject v) {
    return new JsonObject()
        .put("name", v.getString("Name"))
        .put("driver", v.getString("Driver"))
        .put("mountpoint", v.getString("Mountpoint"))
        .put("createdAt", v.getString("CreatedAt"))
        .put("labels", Json.object(v, "Labels"))
        .put("scope", v.getString("Scope"))
        .put("options", Json.object(v, "Options"));
  }

  private static JsonObject strings(JsonObject spec, String field) {
    Object value = spec.getValue(field);
    if (value == null) {
      return new JsonObject();
    }
    if (!(value instanceof JsonObject map) || map.stream().anyMatch(e -> !(e.getValue() instanceof String))) {
      throw ApiError.badRequest(field + " must be an object of strings");
    }
    return map.copy();
  }
}
