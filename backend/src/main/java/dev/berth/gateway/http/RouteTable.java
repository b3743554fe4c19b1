package dev.berth.gateway.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API's route templates ({@code /api/hosts/{id}}), taken from the router once it is built.
 * Used to label metrics and audit entries with the template rather than the raw path, and by
 * the test that checks the OpenAPI document against the router.
 */
public final class RouteTable {
  private static final Pattern PARAM = Pattern.compile(":([A-Za-z0-9_]+)");

  /** One route: its methods and its path template in OpenAPI form. */
  public record Entry(Set<HttpMethod> methods, String template, List<String> params, Pattern regex) {}

  /** A request matched to a route, with its path parameters. */
  public record Match(String template, Map<String, String> params) {}

  private final List<Entry> entries;

  private RouteTable(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /** Reads the routes with a path and at least one method (handlers of the shared chain have none). */
  public static RouteTable of(String mountPoint, List<Route> routes) {
    List<Entry> entries = new ArrayList<>();
    for (Route route : routes) {
      String path = route.getPath();
      Set<HttpMethod> methods = route.methods();
      if (path == null || methods == null || methods.isEmpty()) {
        continue;
      }
      String full = mountPoint + (path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path);
      List<String> params = new ArrayList<>();
      Matcher m = PARAM.matcher(full);
      StringBuilder regex = new StringBuilder();
      int last = 0;
      while (m.find()) {
        regex.append(Pattern.quote(full.substring(last, m.start()))).append("([^/]+)");
        params.add(m.group(1));
        last = m.end();
      }
      regex.append(Pattern.quote(full.substring(last))).append("/?");
      String template = PARAM.matcher(full).replaceAll("{$1}");
      entries.add(new Entry(Set.copyOf(methods), template, params, Pattern.compile(regex.toString())));
    }
    return new RouteTable(entries);
  }

  public List<Entry> entries() {
    return entries;
  }

  /** The first route that matches method and path, or null. */
  public Match match(HttpMethod method, String path) {
    for (Entry entry : entries) {
      if (!entry.methods().contains(method)) {
        continue;
      }
      Matcher m = entry.regex().matcher(path);
      if (m.matches()) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < entry.params().size(); i++) {
          params.put(entry.params().get(i), m.group(i + 1));
        }
        return new Match(entry.template(), params);
      }
    }
    return null;
  }
}
