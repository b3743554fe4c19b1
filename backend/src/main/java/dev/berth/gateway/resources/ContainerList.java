package dev.berth.gateway.resources;

import dev.berth.gateway.hosts.EngineRequest;
import dev.berth.gateway.http.ApiError;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * GET /containers query: ?all=true&status=running&name=web&label=k=v&limit=50&offset=0&sort=-created.
 * Filters go to the engine; sorting and paging are done here since the engine has neither.
 * Items are compact camelCase views:
 * {id, name, names, image, imageId, command, created (epoch seconds), state, status,
 *  ports [{ip, privatePort, publicPort, type}], labels, networks [names]}.
 */
public record ContainerList(boolean all, List<String> status, List<String> name, List<String> label,
                            int limit, int offset, String sort) {

  public static final int MAX_LIMIT = 1000;
  private static final Set<String> SORT_KEYS = Set.of("name", "created", "state", "image", "status");
  private static final Set<String> STATES = Set.of("created", "restarting", "running", "removing", "paused",
      "exited", "dead");

  public static ContainerList parse(MultiMap params) {
    List<String> status = split(params.getAll("status"));
    for (String s : status) {
      if (!STATES.contains(s)) {
        throw ApiError.badRequest("status must be one of " + STATES + ", got: " + s);
      }
    }
    String sort = params.get("sort") == null ? "-created" : params.get("sort");
    if (!SORT_KEYS.contains(sort.startsWith("-") ? sort.substring(1) : sort)) {
      throw ApiError.badRequest("sort must be one of " + SORT_KEYS + ", optionally prefixed with '-'");
    }
    return new ContainerList(Params.bool(params, "all", false), status, split(params.getAll("name")),
        params.getAll("label"), Params.integer(params, "limit", 50, 1, MAX_LIMIT),
        Params.integer(params, "offset", 0, 0, Integer.MAX_VALUE), sort);
  }

  public EngineRequest engineRequest() {
    Map<String, List<String>> filters = new LinkedHashMap<>();
    filters.put("status", status);
    filters.put("name", name);
    filters.put("label", label);
    return EngineRequest.get("/containers/json").param("all", all ? "1" : null)
        .param("filters", EngineRequest.filters(filters));
  }

  /** Sorts and pages the engine's list: {items, total}. */
  public JsonObject page(JsonArray engineList) {
    List<JsonObject> views = new ArrayList<>(engineList.size());
    for (Object o : engineList) {
      views.add(view((JsonObject) o));
    }
    String key = sort.startsWith("-") ? sort.substring(1) : sort;
    Comparator<JsonObject> order = "created".equals(key)
        ? Comparator.comparingLong(v -> v.getLong("created", 0L))
        : Comparator.comparing(v -> String.valueOf(v.getValue(key, "")));
    order = order.thenComparing(v -> v.getString("id"));
    views.sort(sort.startsWith("-") ? order.reversed() : order);
    int from = Math.min(offset, views.size());
    int to = Math.min(from + limit, views.size());
    return new JsonObject().put("items", new JsonArray(new ArrayList<>(views.subList(from, to))))
        .put("total", views.size());
  }

  static JsonObject view(JsonObject c) {
    JsonArray names = new JsonArray();
    for (Object n : Json.array(c, "Names")) {
      String s = String.valueOf(n);
      names.add(s.startsWith("/") ? s.substring(1) : s);
    }
    JsonArray ports = new JsonArray();
    for (Object o : Json.array(c, "Ports")) {
      JsonObject p = (JsonObject) o;
      ports.add(new JsonObject().put("ip", p.getString("IP")).put("privatePort", p.getInteger("PrivatePort"))
          .put("publicPort", p.getInteger("PublicPort")).put("type", p.getString("Type")));
    }
    JsonArray networks = new JsonArray();
    Json.object(Json.object(c, "NetworkSettings"), "Networks").fieldNames().stream().sorted().forEach(networks::add);
    return new JsonObject()
        .put("id", c.getString("Id"))
        .put("name", names.isEmpty() ? "" : names.getString(0))
        .put("names", names)
        .put("image", c.getString("Image"))
        .put("imageId", c.getString("ImageID"))
        .put("command", c.getString("Command"))
        .put("created", c.getLong("Created", 0L))
        .put("state", c.getString("State"))
        .put("status", c.getString("Status"))
        .put("ports", ports)
        .put("labels", Json.object(c, "Labels"))
        .put("networks", networks);
  }

  /** Accepts repeated parameters and comma-separated values alike. */
  private static List<String> split(List<String> values) {
    List<String> out = new ArrayList<>();
    for (String v : values) {
      for (String part : v.split(",")) {
        if (!part.isBlank()) {
          out.add(part.trim());
        }
      }
    }
    return out;
  }
}
