package dev.berth.gateway.resources;

import dev.berth.gateway.hosts.EngineRequest;
import dev.berth.gateway.hosts.HostAccess;
import dev.berth.gateway.http.ApiError;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Set;

/** Network operations on one host. */
public final class NetworkService {

  private static final Set<String> CREATE_FIELDS = Set.of("name", "driver", "internal", "attachable", "labels",
      "subnet", "gateway");

  private final EngineCalls engine;

  public NetworkService(HostAccess access) {
    this.engine = new EngineCalls(access);
  }

  /** {items: [{id, name, driver, scope, internal, attachable, labels, created, subnets [{subnet, gateway}]}], total}. */
  public Future<JsonObject> list(String hostId) {
    return engine.array(hostId, EngineRequest.get("/networks")).map(list -> {
      JsonArray items = new JsonArray();
      for (Object o : list) {
        JsonObject n = (JsonObject) o;
        JsonArray subnets = new JsonArray();
        JsonObject ipam = Json.object(n, "IPAM");
        for (Object c : Json.array(ipam, "Config")) {
          JsonObject config = (JsonObject) c;
          subnets.add(new JsonObject().put("subnet", config.getString("Subnet")).put("gateway", config.getString("Gateway")));
        }
        items.add(new JsonObject()
            .put("id", n.getString("Id"))
            .put("name", n.getString("Name"))
            .put("driver", n.getString("Driver"))
            .put("scope", n.getString("Scope"))
            .put("internal", n.getBoolean("Internal", false))
            .put("attachable", n.getBoolean("Attachable", false))
            .put("labels", Json.object(n, "Labels"))
            .put("created", n.getString("Created"))
            .put("subnets", subnets));
      }
      return new JsonObject().put("items", items).put("total", items.size());
    });
  }

  /** Spec {name, driver (bridge), internal, attachable, labels, subnet, gateway}; answers {id, warning}. */
  public Future<JsonObject> create(String hostId, JsonObject spec) {
    for (String field : spec.fieldNames()) {
      if (!CREATE_FIELDS.contains(field)) {
        throw ApiError.badRequest("unknown field in network spec: " + field + " (allowed: " + CREATE_FIELDS + ")");
      }
    }
    Object name = spec.getValue("name");
    if (!(name instanceof String n)) {
      throw ApiError.badRequest("name is required");
    }
    Ids.object(n, "network name");
    JsonObject body = new JsonObject().put("Name", n).put("CheckDuplicate", true)
        .put("Driver", text(spec, "driver", "bridge"))
        .put("Internal", flag(spec, "internal"))
        .put("Attachable", flag(spec, "attachable"));
    if (spec.getValue("labels") != null) {
      if (!(spec.getValue("labels") instanceof JsonObject labels)
          || labels.stream().anyMatch(e -> !(e.getValue() instanceof String))) {
        throw ApiError.badRequest("labels must be an object of strings");
      }
      body.put("Labels", labels);
    }
    if (spec.getValue("subnet") != null) {
      JsonObject config = new JsonObject().put("Subnet", text(spec, "subnet", null));
      if (spec.getValue("gateway") != null) {
        config.put("Gateway", text(spec, "gateway", null));
      }
      body.put("IPAM", new JsonObject().put("Driver", "default").put("Config", new JsonArray().add(config)));
    } else if (spec.getValue("gateway") != null) {
      throw ApiError.badRequest("gateway needs a subnet");
    }
    return engine.object(hostId, EngineRequest.post("/networks/create", body))
        .map(r -> new JsonObject().put("id", r.getString("Id")).put("warning", r.getString("Warning", "")));
  }

  public Future<Void> remove(String hostId, String network) {
    return engine.run(hostId, EngineRequest.delete("/networks/" + Ids.object(network, "network")));
  }

  public Future<Void> connect(String hostId, String network, String container, JsonArray aliases) {
    JsonObject body = new JsonObject().put("Container", Ids.object(container, "container"));
    if (aliases != null) {
      body.put("EndpointConfig", new JsonObject().put("Aliases", aliases));
    }
    return engine.run(hostId, EngineRequest.post("/networks/" + Ids.object(network, "network") + "/connect", body));
  }

  public Future<Void> disconnect(String hostId, String network, String container, boolean force) {
    JsonObject body = new JsonObject().put("Container", Ids.object(container, "container")).put("Force", force);
    return engine.run(hostId, EngineRequest.post("/networks/" + Ids.object(network, "network") + "/disconnect", body));
  }

  private static String text(JsonObject spec, String field, String fallback) {
    Object v = spec.getValue(field);
    if (v == null) {
      return fallback;
    }
    if (!(v instanceof String s) || s.isBlank() || s.length() > 200) {
      throw ApiError.badRequest(field + " must be a non-empty string");
    }
    return s;
  }

  private static boolean flag(JsonObject spec, String field) {
    Object v = spec.getValue(field, false);
    if (!(v instanceof Boolean b)) {
      throw ApiError.badRequest(field + " must be true or false");
    }
    return b;
  }
}
