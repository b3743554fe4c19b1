package dev.berth.gateway.live;

import dev.berth.gateway.access.HostAuthorizer;
import dev.berth.gateway.access.HostScope;
import dev.berth.gateway.access.Role;
import dev.berth.gateway.audit.AuditLog;
import dev.berth.gateway.auth.AuthUser;
import dev.berth.gateway.hosts.EngineRequest;
import dev.berth.gateway.hosts.EngineStream;
import dev.berth.gateway.http.ApiError;
import dev.berth.gateway.http.HttpEndpoint;
import dev.berth.gateway.resources.EngineCalls;
import dev.berth.gateway.resources.Ids;
import dev.berth.gateway.users.UserDirectory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Set;

/**
 * The live WebSockets (see notes/LIVE.md). Every route is authorised before the handshake:
 * authentication in the shared chain, the host role here, and engine refusals (no such
 * container, not running) still answer as HTTP errors because the engine side is opened first.
 */
final class LiveEndpoint implements HttpEndpoint {
  private final Vertx vertx;
  private final LiveSockets sockets;
  private final HostAuthorizer authz;
  private final Visibility visibility;
  private final EngineCalls engine;
  private final TerminalService terminals;
  private final EventHub hub;
  private final AuditLog audit;

  LiveEndpoint(Vertx vertx, LiveSockets sockets, HostAuthorizer authz, UserDirectory users, EngineCalls engine,
      TerminalService terminals, EventHub hub, AuditLog audit) {
    this.vertx = vertx;
    this.sockets = sockets;
    this.authz = authz;
    this.visibility = new Visibility(authz, users, EventSubscriber.VISIBILITY_REFRESH_MS / 2);
    this.engine = engine;
    this.terminals = terminals;
    this.hub = hub;
    this.audit = audit;
  }

  @Override
  public void addRoutes(Router api) {
    // GET (WebSocket handshakes)
    api.get("/events/live").handler(this::wsEvents);
    api.get("/hosts/:id/stats/live").handler(authz.require(Role.VIEWER)).handler(this::wsHostStats);
    api.get("/hosts/:id/containers/:cid/logs/live").handler(authz.require(Role.VIEWER)).handler(this::wsContainerLogs);
    api.get("/hosts/:id/containers/:cid/stats/live").handler(authz.require(Role.VIEWER)).handler(this::wsContainerStats);
    api.get("/hosts/:id/containers/:cid/terminal").handler(authz.require(Role.OPERATOR)).handler(this::wsContainerTerminal);
    api.get("/hosts/:id/containers/:cid/attach").handler(authz.require(Role.OPERATOR)).handler(this::wsContainerAttach);
  }

  private void wsContainerTerminal(RoutingContext ctx) {
    LiveSockets.requireUpgrade(ctx, LiveSockets.TERMINAL);
    String hostId = HostScope.of(ctx).hostId();
    String cid = Ids.object(ctx.pathParam("cid"), "container");
    LiveQuery query = new LiveQuery(ctx);
    List<String> cmd = query.command("cmd", TerminalService.DEFAULT_SHELL);
    String user = query.word("user");
    String workdir = query.word("workdir");
    terminals.exec(hostId, cid, cmd, user, workdir)
        .compose(opened -> acceptOrClose(ctx, opened.socket()).onSuccess(socket ->
            new TerminalBridge(socket, terminals, opened, hostId, cid, audit)
                .start(sockets.settings, "program=" + cmd.get(0) + (user == null ? "" : " user=" + user))))
        .onFailure(ctx::fail);
  }

  private void wsContainerAttach(RoutingContext ctx) {
    LiveSockets.requireUpgrade(ctx, LiveSockets.TERMINAL);
    String hostId = HostScope.of(ctx).hostId();
    String cid = Ids.object(ctx.pathParam("cid"), "container");
    terminals.attach(hostId, cid)
        .compose(opened -> acceptOrClose(ctx, opened.socket()).onSuccess(socket ->
            new TerminalBridge(socket, terminals, opened, hostId, cid, audit).start(sockets.settings, "main process")))
        .onFailure(ctx::fail);
  }

  private void wsContainerLogs(RoutingContext ctx) {
    LiveSockets.requireUpgrade(ctx, LiveSockets.LOGS);
    String hostId = HostScope.of(ctx).hostId();
    String cid = Ids.object(ctx.pathParam("cid"), "container");
    LiveQuery query = new LiveQuery(ctx);
    boolean stdout = query.bool("stdout", true);
    boolean stderr = query.bool("stderr", true);
    if (!stdout && !stderr) {
      throw ApiError.badRequest("stdout and stderr are both false: nothing to follow");
    }
    boolean timestamps = query.bool("timestamps", false);
    EngineRequest logs = EngineRequest.get("/containers/" + cid + "/logs").param("follow", 1)
        .param("stdout", stdout ? 1 : 0).param("stderr", stderr ? 1 : 0)
        .param("tail", query.tail("tail", "200")).param("since", query.unixTime("since"))
        .param("timestamps", timestamps ? 1 : 0);
    engine.object(hostId, EngineRequest.get("/containers/" + cid + "/json"))
        .compose(inspect -> engine.stream(hostId, logs).compose(stream -> acceptOrClose(ctx, stream)
            .onSuccess(socket -> new LogsFollower(socket, stream, timestamps).start(sockets.settings,
                !inspect.getJsonObject("Config", new JsonObject()).getBoolean("Tty", false)))))
        .onFailure(ctx::fail);
  }

  private void wsContainerStats(RoutingContext ctx) {
    LiveSockets.requireUpgrade(ctx, LiveSockets.STATS);
    String hostId = HostScope.of(ctx).hostId();
    String cid = Ids.object(ctx.pathParam("cid"), "container");
    engine.stream(hostId, EngineRequest.get("/containers/" + cid + "/stats").param("stream", "true"))
        .compose(stream -> acceptOrClose(ctx, stream)
            .onSuccess(socket -> new StatsStreamer(socket, stream).start(sockets.settings)))
        .onFailure(ctx::fail);
  }

  private void wsHostStats(RoutingContext ctx) {
    LiveSockets.requireUpgrade(ctx, LiveSockets.STATS);
    String hostId = HostScope.of(ctx).hostId();
    sockets.accept(ctx)
        .onSuccess(socket -> new HostStatsPoller(vertx, engine, socket, hostId).start(sockets.settings))
        .onFailure(ctx::fail);
  }

  private void wsEvents(RoutingContext ctx) {
    LiveSockets.requireUpgrade(ctx, LiveSockets.EVENTS);
    AuthUser user = AuthUser.of(ctx);
    LiveQuery query = new LiveQuery(ctx);
    Set<String> hosts = query.list("hosts");
    Set<String> types = query.list("types");
    Long since = hub.parseCursor(query.text("since"));
    if (since == null) {
      throw ApiError.badRequest("since must be a cursor from an earlier event message");
    }
    authz.visibleHosts(user)
        .compose(visible -> sockets.accept(ctx).onSuccess(socket ->
            new EventSubscriber(vertx, hub, visibility, socket, hosts, types == null ? Set.of() : types)
                .start(sockets.settings, visible.keySet(), since)))
        .onFailure(ctx::fail);
  }

  /** The handshake; if it fails, the engine side opened for it is released. */
  private Future<LiveSocket> acceptOrClose(RoutingContext ctx, EngineStream engineSide) {
    return sockets.accept(ctx).onFailure(e -> engineSide.close());
  }
}
