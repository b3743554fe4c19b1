package dev.berth.engine.containers;

import dev.berth.engine.api.compat.DockerTime;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** GET /containers/json: all, limit, size and dockerd's filters ({@link ContainerFilters}). */
final class ContainerList {

  private ContainerList() {}

  /**
   * Up to this many containers, a list whose snapshots are all current is answered on the event
   * loop: it copies ready bytes (about a microsecond a container), which costs less than handing
   * it to a worker thread and waking the event loop for each chunk it sends.
   */
  static final int READY_MAX = 2000;

  /**
   * Filters the event loop may apply: each reads the container's own fields or its entry. Not
   * name and id (a user's regular expression could take any time to match), ancestor (it looks
   * images up in the store) or health (it needs each container's full state).
   */
  private static final Set<String> READY_FILTERS = Set.of(
      "status", "label", "exited", "before", "since", "volume", "network", "publish", "expose", "is-task", "isolation");

  /** The entries of a list without sizes, from the containers' snapshots (made again where stale). */
  static List<SummarySnapshots.Listed> entries(ContainerService s, boolean all, Integer limit, Map<String, List<String>> filters) {
    long now = DockerTime.nowNano();
    return select(s, all, limit, filters, c -> s.summaries.listed(c, now), e -> e.snapshot().summary());
  }

  /**
   * The same entries if every one needed is a current snapshot, without blocking; null when an
   * entry must be made again (it may read the disk), the list is longer than {@link #READY_MAX},
   * or a filter is not one of {@link #READY_FILTERS}: then {@link #entries} on a worker.
   */
  static List<SummarySnapshots.Listed> readyEntries(ContainerService s, boolean all, Integer limit, Map<String, List<String>> filters) {
    if (!READY_FILTERS.containsAll(filters.keySet()) || s.count() > READY_MAX) {
      return null;
    }
    long now = DockerTime.nowNano();
    return select(s, all, limit, filters, c -> {
      SummarySnapshots.Snapshot snapshot = s.summaries.current(c);
      return snapshot == null ? null : s.summaries.listed(snapshot, c, now);
    }, e -> e.snapshot().summary());
  }

  /** The entries with SizeRw and SizeRootFs (?size=1, system df): read from the disk at each call, so built afresh. */
  static JsonArray listWithSizes(ContainerService s, boolean all, Integer limit, Map<String, List<String>> filters) {
    long now = DockerTime.nowNano();
    List<JsonObject> out = select(s, all, limit, filters, c -> {
      JsonObject summary = ContainerViews.summary(c, true);
      s.hooks.summarize(c, summary);
      return summary.put("Status", s.summaries.status(c, now));
    }, e -> e);
    return new JsonArray(new ArrayList<>(out));
  }

  /** The containers the parameters keep, newest first, as entries made by {@code entry}; null if it gave null for one. */
  private static <T> List<T> select(
      ContainerService s, boolean all, Integer limit, Map<String, List<String>> filters,
      Function<Container, T> entry, Function<T, JsonObject> summaryOf) {
    ContainerFilters f = ContainerFilters.parse(s, filters);
    boolean showAll = all || (limit != null && limit > 0) || f.impliesAll();
    List<Container> containers = s.all();
    s.summaries.keepOnly(containers);
    List<T> out = new ArrayList<>();
    for (Container c : containers) {
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
      T e = entry.apply(c);
      if (e == null) {
        return null;
      }
      if (f.keepsSummary(summaryOf.apply(e))) {
        out.add(e);
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
