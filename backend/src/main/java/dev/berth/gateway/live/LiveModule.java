package dev.berth.gateway.live;

import dev.berth.gateway.access.HostAuthorizer;
import dev.berth.gateway.audit.AuditLog;
import dev.berth.gateway.auth.Authenticator;
import dev.berth.gateway.auth.RevokedTokens;
import dev.berth.gateway.hosts.HostAccess;
import dev.berth.gateway.hosts.HostChanges;
import dev.berth.gateway.http.HttpEndpoint;
import dev.berth.gateway.ops.Metrics;
import dev.berth.gateway.resources.EngineCalls;
import dev.berth.gateway.users.UserDirectory;
import io.vertx.core.Vertx;
import java.util.List;

/** The live WebSockets, wired: terminals, attach, logs, events (with the shared hub) and stats. */
public final class LiveModule implements AutoCloseable {
  /** Subprotocols the HTTP server may select (HttpServerOptions.setWebSocketSubProtocols). */
  public static final List<String> SUBPROTOCOLS = LiveSockets.SUBPROTOCOLS;
  /** How long a host's event feed outlives its last subscriber, so reconnects can resume. */
  private static final long FEED_LINGER_MS = 120_000;

  private final EventHub hub;
  private final LiveEndpoint endpoint;

  /** @param changes told of every host's events by the shared feeds, which it may ask to keep open */
  public LiveModule(Vertx vertx, LiveSettings settings, HostAccess access, HostChanges changes, HostAuthorizer authz,
      Authenticator authenticator, RevokedTokens revoked, UserDirectory users, AuditLog audit, Metrics metrics) {
    this.hub = new EventHub(vertx, access, changes, FEED_LINGER_MS);
    changes.watchWith(hub);
    LiveSockets sockets = new LiveSockets(vertx, authenticator, revoked, metrics, settings);
    this.endpoint = new LiveEndpoint(vertx, sockets, authz, users, new EngineCalls(access),
        new TerminalService(vertx, access), hub, audit);
  }

  public HttpEndpoint endpoint() {
    return endpoint;
  }

  @Override
  public void close() {
    hub.close();
  }
}
