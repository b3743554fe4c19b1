package dev.berth.engine.network;

import dev.berth.engine.errors.EngineException;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** dockerd's network filters: dangling, driver, id, label, name, scope, type. */
final class NetworkFilters {

  private static final Set<String> KEYS = Set.of("dangling", "driver", "id", "label", "name", "scope", "type");

  private NetworkFilters() {}

  static List<Network> apply(NetworkService s, Map<String, List<String>> filters) {
    for (String key : filters.keySet()) {
      if (!KEYS.contains(key)) {
        throw EngineException.invalidParameter("invalid filter '" + key + "'");
      }
    }
    for (String t : filters.getOrDefault("type", List.of())) {
      if (!t.equals("custom") && !t.equals("builtin")) {
        throw EngineException.invalidParameter("invalid filter: 'type'='" + t + "'");
      }
    }
    List<Network> out = new ArrayList<>();
    for (Network n : s.all()) {
      if (matches(filters.get("driver"), v -> n.driver().equals(v))
          && matches(filters.get("id"), v -> n.id().startsWith(v))
          && matches(filters.get("name"), v -> n.name().contains(v))
          && matches(filters.get("scope"), v -> v.equals("local"))
          && matches(filters.get("type"), v -> v.equals("builtin") == n.predefined())
          && matches(filters.get("dangling"), v -> dangling(v) == s.containersOn(n.id()).isEmpty() && !n.predefined())
          && labelsMatch(n.labels(), filters.get("label"))) {
        out.add(n);
      }
    }
    return out;
  }

  private static boolean dangling(String v) {
    return switch (v) {
      case "true", "1" -> true;
      case "false", "0" -> false;
      default -> throw EngineException.invalidParameter("invalid filter 'dangling=" + v + "'");
    };
  }

  private static boolean matches(List<String> values, java.util.function.Predicate<String> p) {
    return values == null || values.isEmpty() || values.stream().anyMatch(p);
  }

  private static boolean labelsMatch(JsonObject labels, List<String> wanted) {
    if (wanted == null) {
      return true;
    }
    for (String w : wanted) {
      int eq = w.indexOf('=');
      String key = eq < 0 ? w : w.substring(0, eq);
      if (!labels.containsKey(key) || eq >= 0 && !w.substring(eq + 1).equals(String.valueOf(labels.getValue(key)))) {
        return false;
      }
    }
    return true;
  }
}
