package dev.berth.engine.containers;

import dev.berth.engine.errors.EngineException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** GET /containers/json: all, limit, size and dockerd's filters. */
final class ContainerList {

  private static final Set<String> STATES =
      Set.of("created", "restarting", "running", "removing", "paused", "exited", "dead");
  private static final Set<String> FILTERS =
      Set.of("status", "name", "id", "label", "ancestor", "exited", "before", "since");

  private ContainerList() {}

  static JsonArray list(ContainerService s, boolean all, Integer limit, boolean size, Map<String, List<String>> filters) {
    for (String key : filters.keySet()) {
      if (!FILTERS.contains(key)) {
        throw EngineException.invalidParameter("invalid filter '" + key + "'");
      }
    }
    for (String st : filters.getOrDefault("status", List.of())) {
      if (!STATES.contains(st)) {
        throw EngineException.invalidParameter("invalid filter 'status=" + st + "'");
      }
    }
    Set<Integer> exited = new HashSet<>();
    for (String e : filters.getOrDefault("exited", List.of())) {
      try {
        exited.add(Integer.parseInt(e));
      } catch (NumberFormatException ex) {
        throw EngineException.invalidParameter("invalid filter 'exited=" + e + "'");
      }
    }
    List<Pattern> names = patterns(filters.get("name"), "name");
    List<Pattern> ids = patterns(filters.get("id"), "id");
    Set<String> ancestors = new HashSet<>();
    for (String a : filters.getOrDefault("ancestor", List.of())) {
      ancestors.add(a);
      try {
        ancestors.add(s.images.resolve(a).id());
      } catch (EngineException e) {
        // an unknown image matches only containers created with that exact reference
      }
    }
    Container before = ref(s, filters.get("before"));
    Container since = ref(s, filters.get("since"));
    boolean showAll =
        all || (limit != null && limit > 0) || before != null || since != null
            || filters.containsKey("status") || filters.containsKey("exited");

    JsonArray out = new JsonArray();
    for (Container c : s.all()) {
      if (before != null && c.createdNano() >= before.createdNano()) {
        continue;
      }
      if (since != null && c.createdNano() <= since.createdNano()) {
        continue;
      }
      if (limit != null && limit > 0 && out.size() >= limit) {
        break;
      }
      if (!showAll && !c.isRunning() && !c.status().equals(Container.RESTARTING)) {
        continue;
      }
      // dockerd tries the name with and without its leading slash, so "^web$" matches "/web"
      boolean nameMatches = matchesAny(names, "/" + c.name()) || matchesAny(names, c.name());
      if (!nameMatches || !matchesAny(ids, c.id())) {
        continue;
      }
      if (filters.containsKey("label") && !labelsMatch(c.configView().getJsonObject("Labels", new JsonObject()), filters.get("label"))) {
        continue;
      }
      if (!exited.isEmpty() && (!c.status().equals(Container.EXITED) || !exited.contains(c.exitCode()))) {
        continue;
      }
      List<String> states = filters.get("status");
      if (states != null && !states.isEmpty() && !states.contains(c.status())) {
        continue;
      }
      if (!ancestors.isEmpty() && !ancestors.contains(c.imageId()) && !ancestors.contains(c.imageRef())) {
        continue;
      }
      JsonObject summary = ContainerViews.summary(c, size);
      s.hooks.summarize(c, summary);
      out.add(summary);
    }
    return out;
  }

  private static Container ref(ContainerService s, List<String> values) {
    if (values == null || values.isEmpty()) {
      return null;
    }
    return s.get(values.get(0));
  }

  private static List<Pattern> patterns(List<String> values, String key) {
    List<Pattern> out = new ArrayList<>();
    if (values != null) {
      for (String v : values) {
        try {
          out.add(Pattern.compile(v));
        } catch (PatternSyntaxException e) {
          throw EngineException.invalidParameter("invalid filter '" + key + "=" + v + "'");
        }
      }
    }
    return out;
  }

  private static boolean matchesAny(List<Pattern> patterns, String value) {
    if (patterns.isEmpty()) {
      return true;
    }
    for (Pattern p : patterns) {
      if (p.matcher(value).find()) {
        return true;
      }
    }
    return false;
  }

  /** Every label filter must match: "key" needs the key, "key=value" the value too. */
  static boolean labelsMatch(JsonObject labels, List<String> wanted) {
    if (wanted == null) {
      return true;
    }
    for (String w : wanted) {
      int eq = w.indexOf('=');
      String key = eq < 0 ? w : w.substring(0, eq);
      if (!labels.containsKey(key)) {
        return false;
      }
      if (eq >= 0 && !w.substring(eq + 1).equals(String.valueOf(labels.getValue(key)))) {
        return false;
      }
    }
    return true;
  }
}
