package dev.berth.gateway.resources;

import dev.berth.gateway.hosts.AnswerReader;
import dev.berth.gateway.hosts.EngineRequest;
import dev.berth.gateway.hosts.EngineResponse;
import dev.berth.gateway.http.ApiError;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

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

  /**
   * A list as read from the engine, shared by every page made of it: its views are never changed
   * once read (pages sort copies).
   */
  record Listed(List<ContainerViews.View> views, int engineBytes) {
    Listed {
      views = java.util.Collections.unmodifiableList(views);
    }
  }

  /** Sorts and pages the engine's list (its raw JSON): {items, total}, encoded. */
  public Buffer page(Buffer engineList) {
    return page(new Listed(ContainerViews.read(engineList), engineList.length()));
  }

  /**
   * Reads the engine's answer as {@link #page(Buffer)} does, starting on the containers that have
   * arrived while the engine still sends the others. One per call.
   */
  public AnswerReader<Listed> reader() {
    ContainerViews.Reader views = new ContainerViews.Reader();
    return new AnswerReader<>() {
      @Override
      public void arrived(byte[] bytes, int length) {
        views.arrived(bytes, 0, length);
      }

      @Override
      public Listed apply(EngineResponse answer) {
        return new Listed(views.finish(answer.body()), answer.body().length());
      }
    };
  }

  /**
   * The page of a list, {items, total}, encoded. Ties keep the engine's order (newest first), and
   * an ascending sort is the exact reverse of the descending one. The engine's list is already
   * newest first, so the default sort finds it sorted.
   */
  Buffer page(Listed listed) {
    List<ContainerViews.View> views = new ArrayList<>(listed.views());
    boolean descending = sort.startsWith("-");
    String key = descending ? sort.substring(1) : sort;
    Comparator<ContainerViews.View> order = switch (key) {
      case "created" -> Comparator.comparingLong(ContainerViews.View::created);
      case "name" -> Comparator.comparing(ContainerViews.View::name);
      case "state" -> Comparator.comparing(v -> String.valueOf(v.state()));
      case "status" -> Comparator.comparing(v -> String.valueOf(v.status()));
      default -> Comparator.comparing(v -> String.valueOf(v.image()));
    };
    views.sort(descending ? order.reversed().thenComparingInt(ContainerViews.View::index)
        : order.thenComparing(Comparator.comparingInt(ContainerViews.View::index).reversed()));
    int from = Math.min(offset, views.size());
    int to = Math.min(from + limit, views.size());
    // the views are about half the engine's bytes (its fields the gateway drops): sized once
    long sizeHint = 256 + (long) listed.engineBytes() * (to - from) * 6 / 10 / Math.max(1, views.size());
    return ContainerViews.write(views.subList(from, to), views.size(), (int) Math.min(sizeHint, 1 << 26));
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
