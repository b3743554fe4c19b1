package dev.berth.gateway.proxy;

import dev.berth.gateway.access.Role;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which role each Docker Engine API call needs through the proxy: one flat table of method +
 * path pattern (unversioned path, first match wins). Anything not in the table needs admin.
 *
 * - viewer: reads. Not the reads that hand out a container's or an image's content (archive,
 *   export, image save), which count as exec-like and need operator.
 * - operator: container lifecycle (create, start, stop, restart, kill, pause, unpause, wait,
 *   rename, resize), attach (hijacked or over a WebSocket), exec, and copying files in and out.
 * - admin: the rest: removing containers, images (pull, push, build, load, tag, delete),
 *   networks, volumes, prune, commit, update, swarm, plugins, secrets, configs.
 */
final class DockerRoutes {

  /** What the proxy must do besides forwarding. */
  enum Kind {
    PLAIN, COMPLETE, CONTAINER_CREATE, VOLUME_CREATE, EXEC_CREATE,
    /** attach/ws: only as a WebSocket upgrade, whose frames are spliced through unread. */
    WEBSOCKET
  }

  /** A matched route: the template is what the audit log shows. */
  record Route(Role role, Kind kind, String template) {
  }

  private record Rule(Set<String> methods, Pattern pattern, String template, Role role, Kind kind) {
  }

  private static final String ID = "[^/]+";
  /** Image names carry slashes and a registry port: match them greedily. */
  private static final String IMAGE = ".+";

  private static final List<Rule> RULES = List.of(
      // GET / HEAD: exec-like reads first
      rule("GET HEAD", "/containers/" + ID + "/archive", "/containers/{id}/archive", Role.OPERATOR),
      rule("GET", "/containers/" + ID + "/export", "/containers/{id}/export", Role.OPERATOR),
      rule("GET", "/images/get", "/images/get", Role.OPERATOR),
      rule("GET", "/images/" + IMAGE + "/get", "/images/{name}/get", Role.OPERATOR),
      new Rule(Set.of("GET"), Pattern.compile("/containers/" + ID + "/attach/ws"), "/containers/{id}/attach/ws",
          Role.OPERATOR, Kind.WEBSOCKET),
      rule("GET", "/swarm/unlockkey", "/swarm/unlockkey", Role.ADMIN),
      // configs hand out their data on every read
      rule("GET", "/configs(/" + ID + ")?", "/configs", Role.ADMIN),
      // GET / HEAD: reads
      // reads with a short, complete answer (COMPLETE: one engine call, no stream machinery)
      complete("GET HEAD", "/_ping", "/_ping"),
      complete("GET", "/(version|info|system/df)", "/{system}"),
      complete("GET", "/containers/json", "/containers/json"),
      complete("GET", "/containers/" + ID + "/(json|top|changes)", "/containers/{id}/{read}"),
      complete("GET", "/images/json", "/images/json"),
      complete("GET", "/images/" + IMAGE + "/(json|history)", "/images/{name}/{read}"),
      // reads that stream (logs -f, stats, events) or take their time (registry search)
      rule("GET", "/events", "/events", Role.VIEWER),
      rule("GET", "/containers/" + ID + "/(logs|stats)", "/containers/{id}/{read}", Role.VIEWER),
      rule("GET", "/images/search", "/images/search", Role.VIEWER),
      rule("GET", "/distribution/" + IMAGE + "/json", "/distribution/{name}/json", Role.VIEWER),
      rule("GET", "/exec/" + ID + "/json", "/exec/{id}/json", Role.VIEWER),
      rule("GET", "/(networks|volumes)(/" + ID + ")?", "/{networks|volumes}", Role.VIEWER),
      rule("GET", "/(plugins|plugins/privileges|plugins/" + IMAGE + "/json)", "/plugins", Role.VIEWER),
      rule("GET", "/(swarm|nodes|services|tasks|secrets)(/" + ID + ")?", "/{swarm}", Role.VIEWER),
      rule("GET", "/(services|tasks)/" + ID + "/logs", "/{services|tasks}/{id}/logs", Role.VIEWER),
      // POST: container lifecycle, attach and exec
      new Rule(Set.of("POST"), Pattern.compile("/containers/create"), "/containers/create",
          Role.OPERATOR, Kind.CONTAINER_CREATE),
      rule("POST", "/containers/" + ID + "/(start|stop|restart|kill|pause|unpause|wait|rename|resize|attach)",
          "/containers/{id}/{lifecycle}", Role.OPERATOR),
      new Rule(Set.of("POST"), Pattern.compile("/containers/" + ID + "/exec"), "/containers/{id}/exec",
          Role.OPERATOR, Kind.EXEC_CREATE),
      rule("POST", "/exec/" + ID + "/(start|resize)", "/exec/{id}/{start|resize}", Role.OPERATOR),
      // PUT: copying files into a container is as strong as exec
      rule("PUT", "/containers/" + ID + "/archive", "/containers/{id}/archive", Role.OPERATOR),
      // admin: everything else, with the policy still applied to volume driver options
      new Rule(Set.of("POST"), Pattern.compile("/volumes/create"), "/volumes/create", Role.ADMIN, Kind.VOLUME_CREATE));

  private DockerRoutes() {
  }

  private static Rule complete(String methods, String regex, String template) {
    return new Rule(Set.of(methods.split(" ")), Pattern.compile(regex), template, Role.VIEWER, Kind.COMPLETE);
  }

  private static Rule rule(String methods, String regex, String template, Role role) {
    return new Rule(Set.of(methods.split(" ")), Pattern.compile(regex), template, role, Kind.PLAIN);
  }

  /** @param path the decoded path without its /v1.NN prefix, e.g. "/containers/web/stop" */
  static Route classify(String method, String path) {
    for (Rule rule : RULES) {
      if (rule.methods().contains(method) && rule.pattern().matcher(path).matches()) {
        return new Route(rule.role(), rule.kind(), rule.template());
      }
    }
    return new Route(Role.ADMIN, Kind.PLAIN, "(other)");
  }
}
