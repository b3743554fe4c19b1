package dev.berth.engine.containers;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/** GET /containers/json: all, limit, size and dockerd's filters ({@link ContainerFilters}). */
final class ContainerList {

  private ContainerList() {}

  static JsonArray list(ContainerService s, boolean all, Integer limit, boolean size, Map<String, List<String>> filters) {
    ContainerFilters f = ContainerFilters.parse(s, filters);
    boolean showAll = all || (limit != null && limit > 0) || f.impliesAll();
    JsonArray out = new JsonArray();
    for (Container c : s.all()) {
      if (limit != null && limit > 0 && out.size() >= limit) {
        break;
      }
      if (!showAll && !c.isRunning() && !c.status().equals(Container.RESTARTING) || !f.keeps(c)) {
        continue;
      }
      if (f.filtersHealth()) {
        // State.Health exactly as inspect shows it: the health package owns it
        JsonObject inspect = ContainerViews.inspect(c, false);
        s.hooks.describe(c, inspect);
        if (!f.keepsHealth(inspect)) {
          continue;
        }
      }
      JsonObject summary = ContainerViews.summary(c, size);
      s.hooks.summarize(c, summary);
      if (f.keepsSummary(summary)) {
        out.add(summary);
      }
    }
    return out;
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
