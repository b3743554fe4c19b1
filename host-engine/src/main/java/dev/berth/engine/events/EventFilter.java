package dev.berth.engine.events;

import dev.berth.engine.errors.EngineException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Docker's /events filters: type, event, container, image, label, network, volume, scope. */
public record EventFilter(Map<String, List<String>> filters) {

  private static final Set<String> KNOWN =
      Set.of("type", "event", "container", "image", "label", "network", "volume", "scope", "daemon");

  public EventFilter {
    for (String key : filters.keySet()) {
      if (!KNOWN.contains(key)) {
        throw EngineException.invalidParameter("invalid filter '" + key + "'");
      }
    }
  }

  public boolean matches(Event e) {
    return matchAny("type", e.type())
        && matchAction(e.action())
        && matchActor("container", "container", e)
        && matchImage(e)
        && matchActor("network", "network", e)
        && matchActor("volume", "volume", e)
        && matchAny("scope", "local")
        && matchLabels(e);
  }

  private boolean matchAny(String key, String value) {
    List<String> wanted = filters.get(key);
    return wanted == null || wanted.isEmpty() || wanted.contains(value);
  }

  /** "exec_start: sh" matches the filter "exec_start", as in dockerd. */
  private boolean matchAction(String action) {
    List<String> wanted = filters.get("event");
    if (wanted == null || wanted.isEmpty()) {
      return true;
    }
    int colon = action.indexOf(':');
    String base = colon < 0 ? action : action.substring(0, colon);
    return wanted.contains(action) || wanted.contains(base);
  }

  private boolean matchActor(String key, String type, Event e) {
    List<String> wanted = filters.get(key);
    if (wanted == null || wanted.isEmpty()) {
      return true;
    }
    if (!e.type().equals(type)) {
      return false;
    }
    String name = e.attributes().get("name");
    for (String w : wanted) {
      if (e.actorId().startsWith(w) || w.equals(name)) {
        return true;
      }
    }
    return false;
  }

  private boolean matchImage(Event e) {
    List<String> wanted = filters.get("image");
    if (wanted == null || wanted.isEmpty()) {
      return true;
    }
    String image = e.attributes().get("image");
    String name = e.attributes().get("name");
    for (String w : wanted) {
      if (w.equals(image) || w.equals(name) || e.type().equals("image") && e.actorId().equals(w)) {
        return true;
      }
      if (image != null && !w.contains(":") && image.equals(w + ":latest")) {
        return true;
      }
    }
    return false;
  }

  private boolean matchLabels(Event e) {
    List<String> wanted = filters.get("label");
    if (wanted == null) {
      return true;
    }
    for (String w : wanted) {
      int eq = w.indexOf('=');
      String key = eq < 0 ? w : w.substring(0, eq);
      String value = e.attributes().get(key);
      if (value == null || eq >= 0 && !value.equals(w.substring(eq + 1))) {
        return false;
      }
    }
    return true;
  }
}
