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

/**
 * dockerd's `docker ps --filter` keys (daemon/list.go), checked and parsed once per request.
 * {@link #keeps} decides from the container's own fields; {@link #keepsSummary} from what the
 * hooks put into its list entry (Ports, Mounts, NetworkSettings), as dockerd decides from its
 * container snapshot.
 */
final class ContainerFilters {

  private static final Set<String> KEYS = Set.of(
      "status", "name", "id", "label", "ancestor", "exited", "before", "since", "health", "volume",
      "network", "publish", "expose", "is-task", "isolation");
  private static final Set<String> STATES =
      Set.of("created", "restarting", "running", "removing", "paused", "exited", "dead");
  private static final Set<String> HEALTH = Set.of("starting", "healthy", "unhealthy", "none");

  private final Map<String, List<String>> raw;
  private final Set<Integer> exited = new HashSet<>();
  private final List<Pattern> names;
  private final List<Pattern> ids;
  private final Set<String> ancestors = new HashSet<>();
  private final Set<String> publish = new HashSet<>();
  private final Set<String> expose = new HashSet<>();
  final Container before;
  final Container since;
  /** is-task=true: only swarm tasks, and this engine runs none. */
  private final boolean onlyTasks;

  private ContainerFilters(ContainerService s, Map<String, List<String>> filters) {
    this.raw = filters;
    for (String key : filters.keySet()) {
      if (!KEYS.contains(key)) {
        throw EngineException.invalidParameter("invalid filter '" + key + "'");
      }
    }
    for (String st : values("status")) {
      if (!STATES.contains(st)) {
        throw EngineException.invalidParameter("invalid filter 'status=" + st + "'");
      }
    }
    for (String h : values("health")) {
      if (!HEALTH.contains(h)) {
        throw EngineException.invalidParameter("Unrecognised filter value for health: " + h);
      }
    }
    for (String e : values("exited")) {
      try {
        exited.add(Integer.parseInt(e));
      } catch (NumberFormatException ex) {
        throw EngineException.invalidParameter("invalid filter 'exited=" + e + "'");
      }
    }
    names = patterns("name");
    ids = patterns("id");
    for (String a : values("ancestor")) {
      ancestors.add(a);
      try {
        ancestors.add(s.images.resolve(a).id());
      } catch (EngineException e) {
        // an unknown image matches only containers created with that exact reference
      }
    }
    ports("publish", publish);
    ports("expose", expose);
    boolean task = false;
    for (String t : values("is-task")) {
      task = switch (t.toLowerCase()) {
        case "true", "1" -> true;
        case "false", "0" -> false;
        default -> throw EngineException.invalidParameter("invalid filter 'is-task=" + t + "'");
      };
    }
    onlyTasks = task;
    before = ref(s, "before");
    since = ref(s, "since");
  }

  static ContainerFilters parse(ContainerService s, Map<String, List<String>> filters) {
    return new ContainerFilters(s, filters);
  }

  /** Filters that list stopped containers without --all, as dockerd's do. */
  boolean impliesAll() {
    return before != null || since != null || raw.containsKey("status") || raw.containsKey("exited");
  }

  boolean filtersHealth() {
    return raw.containsKey("health");
  }

  boolean keeps(Container c) {
    if (onlyTasks
        || before != null && c.createdNano() >= before.createdNano()
        || since != null && c.createdNano() <= since.createdNano()) {
      return false;
    }
    // dockerd tries the name with and without its leading slash, so "^web$" matches "/web"
    if (!names.isEmpty() && !matchesAny(names, "/" + c.name()) && !matchesAny(names, c.name()) || !matchesAny(ids, c.id())) {
      return false;
    }
    if (raw.containsKey("label") && !ContainerList.labelsMatch(c.configView().getJsonObject("Labels", new JsonObject()), raw.get("label"))) {
      return false;
    }
    if (!exited.isEmpty() && (!c.status().equals(Container.EXITED) || !exited.contains(c.exitCode()))) {
      return false;
    }
    List<String> states = raw.get("status");
    if (states != null && !states.isEmpty() && !states.contains(c.status())) {
      return false;
    }
    if (!ancestors.isEmpty() && !ancestors.contains(c.imageId()) && !ancestors.contains(c.imageRef())) {
      return false;
    }
    List<String> isolation = raw.get("isolation");
    if (isolation == null || isolation.isEmpty()) {
      return true;
    }
    String own = c.hostConfigView().getString("Isolation", "");
    return isolation.contains(own.isEmpty() ? "default" : own);
  }

  /** volume, network, publish and expose, on the list entry the hooks completed. */
  boolean keepsSummary(JsonObject summary) {
    if (!publish.isEmpty() || !expose.isEmpty()) {
      boolean any = false;
      for (Object o : summary.getJsonArray("Ports", new JsonArray())) {
        JsonObject p = (JsonObject) o;
        String type = p.getString("Type", "tcp");
        if (publish.contains(p.getInteger("PublicPort", 0) + "/" + type)
            || expose.contains(p.getInteger("PrivatePort", 0) + "/" + type)) {
          any = true;
          break;
        }
      }
      if (!any) {
        return false;
      }
    }
    List<String> volumes = raw.get("volume");
    if (volumes != null && !volumes.isEmpty()) {
      boolean any = false;
      for (Object o : summary.getJsonArray("Mounts", new JsonArray())) {
        JsonObject m = (JsonObject) o;
        String name = m.getString("Name", "");
        any |= volumes.contains(m.getString("Destination", ""))
            || volumes.contains(name.isEmpty() ? m.getString("Source", "") : name);
      }
      if (!any) {
        return false;
      }
    }
    List<String> networks = raw.get("network");
    if (networks != null && !networks.isEmpty()) {
      JsonObject attached = summary.getJsonObject("NetworkSettings", new JsonObject()).getJsonObject("Networks", new JsonObject());
      boolean any = false;
      for (String wanted : networks) {
        if (attached.containsKey(wanted)) {
          any = true;
        }
        for (String name : attached.fieldNames()) {
          String id = attached.getJsonObject(name, new JsonObject()).getString("NetworkID", "");
          any |= !id.isEmpty() && id.startsWith(wanted);
        }
      }
      return any;
    }
    return true;
  }

  /** health, on State.Health as inspect shows it ("none" without a health check). */
  boolean keepsHealth(JsonObject inspect) {
    JsonObject health = inspect.getJsonObject("State", new JsonObject()).getJsonObject("Health");
    return raw.get("health").contains(health == null ? "none" : health.getString("Status", "none"));
  }

  private List<String> values(String key) {
    return raw.getOrDefault(key, List.of());
  }

  private Container ref(ContainerService s, String key) {
    List<String> v = values(key);
    return v.isEmpty() ? null : s.get(v.get(0));
  }

  private List<Pattern> patterns(String key) {
    List<Pattern> out = new ArrayList<>();
    for (String v : values(key)) {
      try {
        out.add(Pattern.compile(v));
      } catch (PatternSyntaxException e) {
        throw EngineException.invalidParameter("invalid filter '" + key + "=" + v + "'");
      }
    }
    return out;
  }

  /** "80", "80/udp" or "8000-8010/tcp" (dockerd's nat.ParsePortRange), as "PORT/PROTO" keys. */
  private void ports(String key, Set<String> into) {
    for (String v : values(key)) {
      if (v.contains(":")) {
        throw EngineException.invalidParameter("filter for '" + key + "' should not contain ':': " + v);
      }
      int slash = v.indexOf('/');
      String proto = slash < 0 ? "tcp" : v.substring(slash + 1).toLowerCase();
      String range = slash < 0 ? v : v.substring(0, slash);
      int dash = range.indexOf('-');
      try {
        int start = Integer.parseInt(dash < 0 ? range : range.substring(0, dash));
        int end = dash < 0 ? start : Integer.parseInt(range.substring(dash + 1));
        if (start < 0 || end > 65535 || end < start || proto.isEmpty()) {
          throw new NumberFormatException();
        }
        for (int p = start; p <= end; p++) {
          into.add(p + "/" + proto);
        }
      } catch (NumberFormatException e) {
        throw EngineException.invalidParameter("error while looking up for " + key + " " + v + ": invalid port or range");
      }
    }
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
}
