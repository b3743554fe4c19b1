package dev.berth.gateway;

import dev.berth.gateway.audit.AuditEndpoint;
import dev.berth.gateway.audit.AuditLog;
import dev.berth.gateway.auth.ApiKeys;
import dev.berth.gateway.auth.AuthEndpoint;
import dev.berth.gateway.auth.Authenticator;
import dev.berth.gateway.auth.LoginThrottle;
import dev.berth.gateway.auth.MeEndpoint;
import dev.berth.gateway.auth.PasswordHasher;
import dev.berth.gateway.auth.RevokedTokens;
import dev.berth.gateway.auth.TokenService;
import dev.berth.gateway.config.GatewayConfig;
import dev.berth.gateway.hosts.HostRegistry;
import dev.berth.gateway.hosts.HostsModule;
import dev.berth.gateway.http.GatewayVerticle;
import dev.berth.gateway.http.HttpEndpoint;
import dev.berth.gateway.http.RouteTable;
import dev.berth.gateway.http.TlsSetup;
import dev.berth.gateway.live.LiveModule;
import dev.berth.gateway.live.LiveSettings;
import dev.berth.gateway.openapi.OpenApiEndpoint;
import dev.berth.gateway.ops.HealthEndpoint;
import dev.berth.gateway.ops.HostStatusSource;
import dev.berth.gateway.ops.Metrics;
import dev.berth.gateway.ops.MetricsEndpoint;
import dev.berth.gateway.proxy.DockerProxyEndpoint;
import dev.berth.gateway.store.Database;
import dev.berth.gateway.users.TeamService;
import dev.berth.gateway.users.TeamsEndpoint;
import dev.berth.gateway.users.UserDirectory;
import dev.berth.gateway.users.UserService;
import dev.berth.gateway.users.UsersEndpoint;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place where the gateway's services and endpoints are wired together. Host-side
 * services (host registry, access, resources) are added in {@link #hostSide}.
 */
public final class GatewayApp {
  private final Vertx vertx;
  private final GatewayConfig config;
  private final Metrics metrics = new Metrics();
  private Database database;
  private HostsModule hostsModule;
  private volatile RouteTable routes;
  private final List<AutoCloseable> closeables = new ArrayList<>();

  public GatewayApp(Vertx vertx, GatewayConfig config) {
    this.vertx = vertx;
    this.config = config;
  }

  /** Opens the store, creates the services and starts listening. */
  public Future<Void> start() {
    return vertx.executeBlocking(() -> {
      Files.createDirectories(config.dataDir());
      database = Database.open(vertx, config.database());
      closeables.add(database);
      return TlsSetup.serverOptions(config);
    }).compose(this::wire);
  }

  private Future<Void> wire(HttpServerOptions serverOptions) {
    AuditLog auditLog = new AuditLog(database);
    PasswordHasher hasher = new PasswordHasher(config.minPasswordLength());
    UserDirectory users = new UserDirectory(database);
    UserService userService = new UserService(vertx, database, hasher, users);
    TeamService teamService = new TeamService(database, users);
    RevokedTokens revoked = new RevokedTokens(database);
    ApiKeys apiKeys = new ApiKeys(database);
    LoginThrottle throttle = new LoginThrottle(config.loginMaxFailures(), config.loginWindow(), config.loginLockout());

    return TokenService.load(vertx, database, config.jwtLifetime())
        .compose(tokens -> revoked.load().map(tokens))
        .compose(tokens -> userService.seedAdminFromFile(config.adminPasswordFile()).map(tokens))
        .compose(tokens -> startHostSide().map(tokens))
        .compose(tokens -> {
          Authenticator authenticator = new Authenticator(tokens, revoked, apiKeys, users);
          List<HttpEndpoint> api = new ArrayList<>(List.of(
              new AuthEndpoint(userService, tokens, revoked, throttle, auditLog),
              new MeEndpoint(apiKeys),
              new UsersEndpoint(userService),
              new TeamsEndpoint(teamService),
              new AuditEndpoint(auditLog),
              new OpenApiEndpoint()));
          HostStatusSource hostStatus = hostSide(api);
          LiveModule live = new LiveModule(vertx, new LiveSettings(config.liveHeartbeat(), config.terminalIdleTimeout()),
              hostsModule.access(), hostsModule.changes(), hostsModule.authorizer(), authenticator, revoked, users, auditLog,
              metrics);
          closeables.add(live);
          api.add(live.endpoint());
          api.add(new DockerProxyEndpoint(hostsModule.access(), hostsModule.authorizer(), authenticator, auditLog));
          serverOptions.setWebSocketSubProtocols(LiveModule.SUBPROTOCOLS);
          List<HttpEndpoint> root = List.of(
              new HealthEndpoint(database, hostStatus),
              new MetricsEndpoint(metrics, hostStatus, authenticator));
          GatewayVerticle.Setup setup = new GatewayVerticle.Setup(serverOptions, config.bodyLimit(),
              authenticator, metrics, auditLog, api, root, table -> routes = table);
          int instances = config.listenPort() == 0 ? 1 : Math.max(1, Runtime.getRuntime().availableProcessors());
          return vertx.deployVerticle(() -> new GatewayVerticle(setup), new DeploymentOptions().setInstances(instances));
        })
        .mapEmpty();
  }

  /**
   * Host registry, access grants and per-host resources. Adds their endpoints to {@code api}
   * and returns what /health and /metrics read about hosts.
   */
  private HostStatusSource hostSide(List<HttpEndpoint> api) {
    api.addAll(hostsModule.endpoints());
    return hostsModule.hostStatus();
  }

  private Future<Void> startHostSide() {
    List<HostRegistry.Seed> seeds = config.hosts().stream()
        .map(seed -> new HostRegistry.Seed(seed.id(), seed.url())).toList();
    return HostsModule.start(vertx, database, config.dataDir(), seeds, metrics::recordEngineCall,
            config.listCacheMaxAge(), metrics::recordContainerList)
        .map(module -> {
          hostsModule = module;
          closeables.add(module);
          return null;
        });
  }

  public Metrics metrics() {
    return metrics;
  }

  /** The API's routes as mounted (available once started). */
  public RouteTable routes() {
    return routes;
  }

  public Future<Void> stop() {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      try {
        closeables.get(i).close();
      } catch (Exception e) {
        // Closing at shutdown: nothing left to do with the error.
      }
    }
    return Future.succeededFuture();
  }
}
