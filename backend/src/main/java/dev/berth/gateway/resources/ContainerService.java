package dev.berth.gateway.resources;

import dev.berth.gateway.hosts.EngineRequest;
import dev.berth.gateway.hosts.HostAccess;
import dev.berth.gateway.hosts.HostChanges;
import dev.berth.gateway.hosts.HostRecord;
import dev.berth.gateway.http.ApiError;
import dev.berth.gateway.policy.SecurityPolicy;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.Locale;

/** Container operations on one host, in the gateway's terms. Knows nothing of HTTP requests. */
public final class ContainerService {

  /** Lifecycle actions and the query parameter each one passes on. */
  public enum Action {
    START(null), STOP("t"), RESTART("t"), KILL("signal"), PAUSE(null), UNPAUSE(null);

    final String param;

    Action(String param) {
      this.param = param;
    }

    String path() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Log query: tail is a line count or "all"; since epoch seconds. */
  public record LogQuery(String tail, String since, boolean stdout, boolean stderr, boolean timestamps) {
  }

  private final EngineCalls engine;
  private final ContainerListCache lists;

  /**
   * @param changes tells of changes on each host, for the lists kept in memory
   * @param listMaxAge how long a list may be kept (ZERO: none is)
   * @param lists told where each list came from (/metrics)
   */
  public ContainerService(HostAccess access, HostChanges changes, Duration listMaxAge, ListCounter lists) {
    this.engine = new EngineCalls(access);
    this.lists = new ContainerListCache(changes, listMaxAge, lists);
  }

  /**
   * The page as encoded JSON, {items, total} (see ContainerList), from a list kept since the host
   * last changed (ContainerListCache) unless {@code fresh}.
   */
  public Future<Buffer> list(String hostId, ContainerList query, boolean fresh) {
    EngineRequest request = query.engineRequest();
    return lists.get(hostId, request.pathAndQuery(), fresh, () -> engine.read(hostId, request, query.reader()))
        .map(query::page);
  }

  /** The engine's inspect document, unchanged (Docker's field names). */
  public Future<JsonObject> inspect(String hostId, String container) {
    return engine.object(hostId, EngineRequest.get("/containers/" + Ids.object(container, "container") + "/json"));
  }

  /**
   * Creates a container from a compact spec; the policy applies unless the caller is a
   * global admin. Answers {id, warnings}.
   */
  public Future<JsonObject> create(HostRecord host, JsonObject spec, boolean policyApplies) {
    JsonObject body = ContainerSpec.toCreateBody(spec);
    if (policyApplies) {
      SecurityPolicy.checkContainerCreate(body, host.policy(), host.engineSockets()).ifPresent(v -> {
        throw ApiError.policyViolation(v.message());
      });
    }
    EngineRequest request = EngineRequest.post("/containers/create", body).param("name", ContainerSpec.name(spec));
    return engine.object(host.id(), request).map(created -> new JsonObject()
        .put("id", created.getString("Id"))
        .put("warnings", Json.array(created, "Warnings")));
  }

  public Future<Void> act(String hostId, String container, Action action, String paramValue) {
    EngineRequest request = EngineRequest.post("/containers/" + Ids.object(container, "container") + "/" + action.path());
    if (action.param != null) {
      request = request.param(action.param, paramValue);
    }
    return engine.run(hostId, request);
  }

  public Future<Void> remove(String hostId, String container, boolean force, boolean volumes) {
    return engine.run(hostId, EngineRequest.delete("/containers/" + Ids.object(container, "container"))
        .param("force", force ? "1" : null).param("v", volumes ? "1" : null));
  }

  /** The container's log lines: [{stream, line}]. Inspects first to know whether it has a TTY. */
  public Future<JsonArray> logs(String hostId, String container, LogQuery q) {
    String id = Ids.object(container, "container");
    return inspect(hostId, id).compose(info -> {
      boolean tty = Json.object(info, "Config").getBoolean("Tty", false);
      EngineRequest request = EngineRequest.get("/containers/" + id + "/logs")
          .param("stdout", q.stdout() ? "1" : "0").param("stderr", q.stderr() ? "1" : "0")
          .param("tail", q.tail()).param("since", q.since()).param("timestamps", q.timestamps() ? "1" : null);
      return engine.read(hostId, request, r -> LogLines.split(r.body(), tty));
    });
  }
}
