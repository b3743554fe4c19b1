package dev.berth.engine.images;

import dev.berth.engine.api.compat.DockerTime;
import dev.berth.engine.errors.EngineException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The filters of GET /images/json and POST /images/prune, with dockerd's meanings. */
final class ImageFilters {

  private static final List<String> KEYS = List.of("before", "since", "dangling", "label", "label!", "reference", "until");

  private final ImageStore store;
  private final Map<String, List<String>> filters;
  private Boolean dangling;
  private Long beforeNano;
  private Long sinceNano;
  private Long untilNano;

  ImageFilters(ImageStore store, Map<String, List<String>> filters) {
    this.store = store;
    this.filters = filters;
    long now = DockerTime.nowNano();
    for (Map.Entry<String, List<String>> f : filters.entrySet()) {
      if (!KEYS.contains(f.getKey())) {
        throw EngineException.invalidParameter("invalid filter '" + f.getKey() + "'");
      }
      for (String v : f.getValue()) {
        switch (f.getKey()) {
          case "dangling" -> dangling = bool("dangling", v);
          case "before" -> beforeNano = createdNano(store.get(v));
          case "since" -> sinceNano = createdNano(store.get(v));
          case "until" -> untilNano = DockerTime.parseNano(v, now);
          default -> { }
        }
      }
    }
  }

  static boolean bool(String key, String v) {
    return switch (v.toLowerCase()) {
      case "true", "1" -> true;
      case "false", "0" -> false;
      default -> throw EngineException.invalidParameter("invalid filter '" + key + "=" + v + "'");
    };
  }

  boolean test(ImageStore.Image image) {
    List<Reference> refs = store.refsOf(image.id());
    if (dangling != null && dangling != refs.isEmpty()) {
      return false;
    }
    long created = createdNano(image);
    if ((beforeNano != null && created >= beforeNano)
        || (sinceNano != null && created <= sinceNano)
        || (untilNano != null && created >= untilNano)) {
      return false;
    }
    for (String label : filters.getOrDefault("label", List.of())) {
      if (!hasLabel(image, label)) {
        return false;
      }
    }
    for (String label : filters.getOrDefault("label!", List.of())) {
      if (hasLabel(image, label)) {
        return false;
      }
    }
    return !filters.containsKey("reference") || !matchingRefs(image).isEmpty();
  }

  /** The image's references, narrowed to those the reference filters match. */
  List<Reference> matchingRefs(ImageStore.Image image) {
    List<Reference> refs = store.refsOf(image.id());
    List<String> patterns = filters.get("reference");
    if (patterns == null) {
      return refs;
    }
    List<Reference> out = new ArrayList<>();
    for (Reference r : refs) {
      for (String p : patterns) {
        Pattern glob = glob(p);
        if (glob.matcher(r.familiar()).matches() || glob.matcher(r.familiarName()).matches()) {
          out.add(r);
          break;
        }
      }
    }
    return out;
  }

  private static boolean hasLabel(ImageStore.Image image, String filter) {
    int eq = filter.indexOf('=');
    String key = eq < 0 ? filter : filter.substring(0, eq);
    Object value = image.labels().getValue(key);
    return value != null && (eq < 0 || filter.substring(eq + 1).equals(String.valueOf(value)));
  }

  private static long createdNano(ImageStore.Image image) {
    String created = image.config().getString("created");
    if (created == null) {
      return 0;
    }
    Instant t = java.time.OffsetDateTime.parse(created).toInstant();
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }

  /** Go's path.Match: * and ? never cross "/", [..] classes, \\ escapes. */
  static Pattern glob(String pattern) {
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      switch (c) {
        case '*' -> re.append("[^/]*");
        case '?' -> re.append("[^/]");
        case '[' -> {
          int close = pattern.indexOf(']', i + 1);
          if (close < 0) {
            throw EngineException.invalidParameter("syntax error in pattern");
          }
          String cls = pattern.substring(i + 1, close);
          re.append('[').append(cls.startsWith("^") ? "^" + cls.substring(1).replace("\\", "\\\\") : cls.replace("\\", "\\\\")).append(']');
          i = close;
        }
        case '\\' -> {
          if (i + 1 < pattern.length()) {
            re.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
          }
        }
        default -> re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString());
  }
}
