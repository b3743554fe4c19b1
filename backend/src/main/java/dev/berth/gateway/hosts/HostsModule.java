package dev.berth.gateway.hosts;

import dev.berth.gateway.access.AccessEndpoint;
import dev.berth.gateway.access.DirectoryEndpoint;
import dev.berth.gateway.access.GrantStore;
import dev.berth.gateway.access.GrantSubjects;
import dev.berth.gateway.access.HostAuthorizer;
import dev.berth.gateway.http.HttpEndpoint;
import dev.berth.gateway.ops.HostStatusSource;
import dev.berth.gateway.resources.ContainerService;
import dev.berth.gateway.resources.ContainersEndpoint;
import dev.berth.gateway.resources.ImageService;
import dev.berth.gateway.resources.ListCounter;
import dev.berth.gateway.resources.ImagesEndpoint;
import dev.berth.gateway.resources.NetworkService;
import dev.berth.gateway.resources.NetworksEndpoint;
import dev.berth.gateway.resources.VolumeService;
import dev.berth.gateway.resources.VolumesEndpoint;
import dev.berth.gateway.store.Database;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The host side of the gateway, wired: engine access, host registry with health checks,
 * grants and role checks, and the per-host resource endpoints. Resource endpoints see
 * only the HostAccess interface, so a federated implementation can be swapped in here.
 */
public final class HostsModule implements AutoCloseable {

  private static final int ENGINE_WORKERS = 32;

  private final DockerHostAccess engines;
  private final HostAccess access;
  private final HostChanges changes;
  private final HostRegistry registry;
  private final List<HttpEndpoint> endpoints;
  private final HostAuthorizer authz;

  private HostsModule(DockerHostAccess engines, HostAccess access, HostChanges changes, HostRegistry registry,
                      List<HttpEndpoint> endpoints, HostAuthorizer authz) {
    this.engines = engines;
    this.access = access;
    this.changes = changes;
    this.registry = registry;
    this.endpoints = endpoints;
    this.authz = authz;
  }

  /**
   * Builds and starts the host side. Blocking parts (the secret key file) run on a worker.
   *
   * @param seeds hosts registered at start when not stored yet (e.g. "local")
   * @param listCacheMaxAge how long a container list may be served from memory while its host's
   *     events tell of no change (ZERO: always ask the engine)
   * @param lists counts container lists by source (kept, shared, engine)
   */
  public static Future<HostsModule> start(Vertx vertx, Database database, Path dataDir, List<HostRegistry.Seed> seeds,
                                          EngineCallTimer timer, Duration listCacheMaxAge, ListCounter lists) {
    return vertx.executeBlocking(() -> SecretBox.open(dataDir.resolve("host-secrets.key"))).compose(secrets -> {
      DockerHostAccess engines = new DockerHostAccess(vertx, ENGINE_WORKERS, timer);
      // how often every host is pinged; -Dberth.hostCheckSeconds shortens it (tests)
      Duration checkInterval = Duration.ofSeconds(Long.getLong("berth.hostCheckSeconds", 15));
      HostRegistry registry = new HostRegistry(vertx, database, secrets, engines, checkInterval);
      GrantStore grants = new GrantStore(database);
      registry.onRemoved(grants::hostRemoved);
      HostChanges changes = new HostChanges();
      registry.onRemoved(changes::removed);
      registry.onRepointed(changes::repointed);
      HostAuthorizer authz = new HostAuthorizer(registry, grants);
      HostAccess access = new ChangeTrackingAccess(engines, changes);
      List<HttpEndpoint> endpoints = List.of(
          new HostsEndpoint(authz, registry),
          new AccessEndpoint(authz, grants),
          new DirectoryEndpoint(authz, new GrantSubjects(database)),
          new ContainersEndpoint(authz, new ContainerService(access, changes, listCacheMaxAge, lists)),
          new ImagesEndpoint(authz, new ImageService(access)),
          new NetworksEndpoint(authz, new NetworkService(access)),
          new VolumesEndpoint(authz, new VolumeService(access)));
      return registry.start(seeds)
          .map(v -> new HostsModule(engines, access, changes, registry, endpoints, authz))
          .onFailure(e -> engines.close());
    });
  }

  public List<HttpEndpoint> endpoints() {
    return endpoints;
  }

  /** Engine access for other host-side features (live channels, proxy). */
  public HostAccess access() {
    return access;
  }

  /** What tells of changes on each host; the live module's event feeds report to it. */
  public HostChanges changes() {
    return changes;
  }

  public HostAuthorizer authorizer() {
    return authz;
  }

  public HostStatusSource hostStatus() {
    return registry;
  }

  @Override
  public void close() {
    registry.stop();
    engines.close();
  }
}
