package dev.berth.engine;

import dev.berth.engine.api.ApiRouter;
import dev.berth.engine.api.ApiRoutes;
import dev.berth.engine.api.EngineHttpServer;
import dev.berth.engine.archive.ArchiveRouter;
import dev.berth.engine.archive.ArchiveService;
import dev.berth.engine.build.BuildRouter;
import dev.berth.engine.build.BuildService;
import dev.berth.engine.build.EngineBuildBackend;
import dev.berth.engine.config.EngineConfig;
import dev.berth.engine.containers.ContainerCommitSource;
import dev.berth.engine.containers.ContainerExecTargets;
import dev.berth.engine.containers.ContainerOperations;
import dev.berth.engine.containers.ContainerService;
import dev.berth.engine.containers.ContainerStreamTargets;
import dev.berth.engine.containers.ContainersRouter;
import dev.berth.engine.exec.ExecRouter;
import dev.berth.engine.exec.ExecService;
import dev.berth.engine.health.HealthService;
import dev.berth.engine.runtime.OciRuntime;
import dev.berth.engine.security.SecurityHook;
import dev.berth.engine.stats.StatsBackend;
import dev.berth.engine.stats.StatsRouter;
import dev.berth.engine.runtime.conmon.ConmonRuntime;
import dev.berth.engine.streams.ContainerStreamsRouter;
import dev.berth.engine.streams.StreamPools;
import dev.berth.engine.events.EventLog;
import dev.berth.engine.events.EventsRouter;
import dev.berth.engine.images.AuthRouter;
import dev.berth.engine.images.CommitRouter;
import dev.berth.engine.images.ImageService;
import dev.berth.engine.images.ImagesRouter;
import dev.berth.engine.network.NetworkService;
import dev.berth.engine.network.Networking;
import dev.berth.engine.system.DiskUsageBackend;
import dev.berth.engine.system.DiskUsageRouter;
import dev.berth.engine.system.SystemBackend;
import dev.berth.engine.system.SystemRouter;
import dev.berth.engine.volumes.VolumeMounts;
import dev.berth.engine.volumes.VolumeService;
import dev.berth.engine.volumes.VolumesRouter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.security.SecureRandom;
import java.util.logging.Logger;

/** Wires the engine's services and routers, listens, and shuts down cleanly on SIGTERM. */
public final class Daemon {

  private static final Logger LOG = Logger.getLogger(Daemon.class.getName());

  private final EngineConfig config;
  private Vertx vertx;
  private EngineHttpServer server;

  public Daemon(EngineConfig config) {
    this.config = config;
  }

  public Future<Void> start() {
    try {
      prepareDirectories();
      writePidfile();
    } catch (IOException e) {
      return Future.failedFuture(e);
    }
    vertx =
        Vertx.builder()
            .with(new VertxOptions().setPreferNativeTransport(true).setWorkerPoolSize(32))
            .build();
    if (!vertx.isNativeTransportEnabled()) {
      return Future.failedFuture(
          new IllegalStateException(
              "native epoll transport unavailable, cannot listen on unix sockets: "
                  + vertx.unavailableNativeTransportCause()));
    }
    String engineId;
    try {
      engineId = engineId();
    } catch (IOException e) {
      return Future.failedFuture(e);
    }
    EventLog events = new EventLog();
    ImageService images;
    ContainerService containers;
    try {
      images = new ImageService(config, events);
      OciRuntime runtime =
          new ConmonRuntime(
              config.conmon, config.runc, config.execRoot.resolve("runc"), config.execRoot.resolve("exits"));
      // reconciles with the host (re-adopts running containers) before the socket opens
      containers = new ContainerService(config.dataRoot, config.execRoot, images.lookup(), events, runtime);
    } catch (IOException e) {
      return Future.failedFuture(e);
    }
    images.setUsage(containers);
    VolumeService volumes;
    try {
      volumes = new VolumeService(config.dataRoot, events);
    } catch (IOException e) {
      return Future.failedFuture(e);
    }
    containers.addHook(new VolumeMounts(volumes, containers, events));
    Networking networking;
    try {
      networking = Networking.start(config.dataRoot, config.execRoot,
          new NetworkService.Settings(config.bridge, config.bip, config.poolBase, config.poolSize, config.userlandProxy), events, containers);
    } catch (IOException e) {
      return Future.failedFuture(e);
    }
    containers.addHook(networking.hook());
    ExecService execs =
        new ExecService(new ContainerExecTargets(containers), events, config.execRoot.resolve("x"));
    containers.addExitListener(c -> execs.forgetContainer(c.id()));
    HealthService health = new HealthService(new ContainerExecTargets(containers), events);
    containers.addHook(health);
    health.adopt(containers.all());
    containers.addHook(SecurityHook.forSetting(config.seccompProfile));
    SystemBackend systemBackend =
        new SystemBackend() {
          @Override
          public ContainerCounts containerCounts() {
            return containers.counts();
          }

          @Override
          public int imageCount() {
            return images.imageCount();
          }
        };

    StatsBackend statsBackend =
        new StatsBackend() {
          @Override
          public Target target(String ref) {
            return statsTarget(containers.get(ref));
          }

          @Override
          public Target targetIfPresent(String id) {
            return containers.all().stream().filter(c -> c.id().equals(id)).findFirst().map(Daemon::statsTarget).orElse(null);
          }
        };
    ContainerOperations containerOps = new ContainerOperations(containers);
    DiskUsageBackend diskUsage =
        new DiskUsageBackend() {
          @Override
          public JsonObject images() {
            return images.diskUsage();
          }

          @Override
          public JsonArray containers() {
            return containerOps.listWithSizes(true, null, Map.of());
          }

          @Override
          public JsonArray volumes() {
            return volumes.usage();
          }
        };
    BuildService builds;
    try {
      builds = new BuildService(
          new EngineBuildBackend(images, images.committer(new ContainerCommitSource(containers)), containers), config.dataRoot);
    } catch (IOException e) {
      return Future.failedFuture(e);
    }
    StreamPools streamPools = new StreamPools();
    List<ApiRoutes> routes =
        List.of(
            new SystemRouter(config, systemBackend, engineId),
            new EventsRouter(events),
            new ImagesRouter(images),
            new AuthRouter(images),
            new ContainersRouter(containerOps),
            new ContainerStreamsRouter(new ContainerStreamTargets(containers), events, streamPools),
            new ExecRouter(execs, events, streamPools),
            new StatsRouter(statsBackend),
            new DiskUsageRouter(diskUsage),
            new VolumesRouter(volumes),
            new ArchiveRouter(new ArchiveService(containers)),
            new CommitRouter(images.committer(new ContainerCommitSource(containers))),
            new BuildRouter(builds),
            networking.router());
    // every hook is registered: restart policies may act now
    containers.startupDone();
    server = new EngineHttpServer(vertx, config);
    return server
        .listen(ApiRouter.build(vertx, routes))
        .onSuccess(v -> LOG.info("Berth engine listening on " + String.join(", ", config.hosts)));
  }

  /** Stops listening and leaves containers running: conmon keeps them. */
  public void stop() {
    if (server != null) {
      server.close().await();
    }
    if (vertx != null) {
      vertx.close().await();
    }
    try {
      if (config.pidfile != null) {
        Files.deleteIfExists(config.pidfile);
      }
      for (String host : config.hosts) {
        if (host.startsWith("unix://")) {
          Files.deleteIfExists(Path.of(host.substring("unix://".length())));
        }
      }
    } catch (IOException e) {
      LOG.warning("clean-up at shutdown: " + e.getMessage());
    }
  }

  private static StatsBackend.Target statsTarget(dev.berth.engine.containers.Container c) {
    return new StatsBackend.Target(c.id(), c.name(), c.isRunning() ? c.pid() : 0, "host".equals(c.hostConfig().getString("NetworkMode")));
  }

  private void prepareDirectories() throws IOException {
    for (Path dir : List.of(config.dataRoot, config.execRoot)) {
      Files.createDirectories(dir);
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
    }
  }

  private void writePidfile() throws IOException {
    if (config.pidfile == null) {
      return;
    }
    Path pidfile = config.pidfile;
    if (Files.exists(pidfile)) {
      String old = Files.readString(pidfile).trim();
      if (!old.isEmpty() && old.matches("\\d+") && Files.exists(Path.of("/proc", old))) {
        long other = Long.parseLong(old);
        if (other != ProcessHandle.current().pid()) {
          throw new IOException(
              "pid file found, ensure the engine is not running or delete " + pidfile + " (pid " + old + ")");
        }
      }
    }
    Files.createDirectories(pidfile.getParent());
    Path tmp = pidfile.resolveSibling(pidfile.getFileName() + ".tmp");
    Files.writeString(tmp, Long.toString(ProcessHandle.current().pid()));
    Files.move(tmp, pidfile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private String engineId() throws IOException {
    Path file = config.dataRoot.resolve("engine-id");
    if (Files.exists(file)) {
      return Files.readString(file).trim();
    }
    byte[] bytes = new byte[16];
    new SecureRandom().nextBytes(bytes);
    String id = HexFormat.of().formatHex(bytes);
    Path tmp = file.resolveSibling("engine-id.tmp");
    Files.writeString(tmp, id);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    return id;
  }
}
