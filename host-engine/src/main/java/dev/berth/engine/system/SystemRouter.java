package dev.berth.engine.system;

import dev.berth.engine.api.ApiRoutes;
import dev.berth.engine.api.Http;
import dev.berth.engine.api.Versions;
import dev.berth.engine.api.compat.ApiVersionPrefix;
import dev.berth.engine.config.EngineConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;

/** /_ping, /version and /info. */
public final class SystemRouter implements ApiRoutes {

  private final EngineConfig config;
  private final SystemBackend backend;
  private final HostFacts host;
  private final String engineId;

  public SystemRouter(EngineConfig config, SystemBackend backend, String engineId) {
    this.config = config;
    this.backend = backend;
    this.host = HostFacts.read(config.runc);
    this.engineId = engineId;
  }

  @Override
  public void mount(Router router) {
    // GET
    router.get("/_ping").handler(this::getPing);
    router.get("/version").handler(this::getVersion);
    router.get("/info").handler(this::getInfo);
    // HEAD
    router.head("/_ping").handler(this::getPing);
  }

  private void getPing(RoutingContext ctx) {
    ctx.response()
        .putHeader("Builder-Version", "1")
        .putHeader("Swarm", "inactive")
        .putHeader("Cache-Control", "no-cache, no-store, must-revalidate")
        .putHeader("Pragma", "no-cache")
        .putHeader("Content-Type", "text/plain; charset=utf-8");
    ctx.response().end("OK");
  }

  private void getVersion(RoutingContext ctx) {
    JsonObject details =
        new JsonObject()
            .put("ApiVersion", ApiVersionPrefix.CURRENT)
            .put("MinAPIVersion", ApiVersionPrefix.MINIMUM)
            .put("Os", "linux")
            .put("Arch", host.arch())
            .put("KernelVersion", host.kernel());
    JsonObject body =
        new JsonObject()
            .put("Platform", new JsonObject().put("Name", "Berth Engine"))
            .put(
                "Components",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("Name", "Engine")
                            .put("Version", Versions.ENGINE)
                            .put("Details", details))
                    .add(
                        new JsonObject()
                            .put("Name", "runc")
                            .put("Version", host.runcVersion())
                            .put("Details", new JsonObject())))
            .put("Version", Versions.ENGINE)
            .put("ApiVersion", ApiVersionPrefix.CURRENT)
            .put("MinAPIVersion", ApiVersionPrefix.MINIMUM)
            .put("GitCommit", "")
            .put("GoVersion", "java" + System.getProperty("java.version"))
            .put("Os", "linux")
            .put("Arch", host.arch())
            .put("KernelVersion", host.kernel())
            .put("BuildTime", "")
            .put("Experimental", false);
    Http.json(ctx, 200, body);
  }

  private void getInfo(RoutingContext ctx) {
    SystemBackend.ContainerCounts counts = backend.containerCounts();
    JsonObject body =
        new JsonObject()
            .put("ID", engineId)
            .put("Containers", counts.total())
            .put("ContainersRunning", counts.running())
            .put("ContainersPaused", counts.paused())
            .put("ContainersStopped", counts.stopped())
            .put("Images", backend.imageCount())
            .put("Driver", "overlay2")
            .put("DriverStatus", new JsonArray().add(new JsonArray().add("Backing Filesystem").add("extfs")))
            .put("DockerRootDir", config.dataRoot.toString())
            .put("Plugins", new JsonObject()
                .put("Volume", new JsonArray().add("local"))
                .put("Network", new JsonArray().add("bridge").add("host").add("null"))
                .put("Log", new JsonArray().add("k8s-file")))
            .put("MemoryLimit", true)
            .put("SwapLimit", false)
            .put("CpuCfsPeriod", true)
            .put("CpuCfsQuota", true)
            .put("CPUShares", true)
            .put("PidsLimit", true)
            .put("OomKillDisable", false)
            .put("IPv4Forwarding", true)
            .put("Debug", "debug".equals(config.logLevel))
            .put("NFd", 0)
            .put("NGoroutines", Thread.activeCount())
            .put("SystemTime", Instant.now().toString())
            .put("LoggingDriver", "k8s-file")
            .put("CgroupDriver", "cgroupfs")
            .put("CgroupVersion", host.cgroupVersion())
            .put("NEventsListener", 0)
            .put("KernelVersion", host.kernel())
            .put("OperatingSystem", host.operatingSystem())
            .put("OSVersion", "")
            .put("OSType", "linux")
            .put("Architecture", host.machine())
            .put("IndexServerAddress", "https://index.docker.io/v1/")
            .put("RegistryConfig", new JsonObject()
                .put("InsecureRegistryCIDRs", new JsonArray().add("127.0.0.0/8"))
                .put("IndexConfigs", new JsonObject())
                .put("Mirrors", new JsonArray()))
            .put("NCPU", Runtime.getRuntime().availableProcessors())
            .put("MemTotal", host.memTotal())
            .put("Name", host.hostname())
            .put("Labels", new JsonArray())
            .put("ExperimentalBuild", false)
            .put("ServerVersion", Versions.ENGINE)
            .put("Runtimes", new JsonObject().put("runc", new JsonObject().put("path", config.runc)))
            .put("DefaultRuntime", "runc")
            .put("Swarm", new JsonObject()
                .put("NodeID", "")
                .put("NodeAddr", "")
                .put("LocalNodeState", "inactive")
                .put("ControlAvailable", false)
                .put("Error", "")
                .put("RemoteManagers", null))
            .put("LiveRestoreEnabled", true)
            .put("Isolation", "")
            .put("InitBinary", "catatonit")
            // as dockerd: the profile setting's value, "default" for the built-in one
            .put("SecurityOptions", new JsonArray().add("name=seccomp,profile="
                + (config.seccompProfile.isEmpty() ? "default" : config.seccompProfile)))
            .put("Warnings", new JsonArray());
    Http.json(ctx, 200, body);
  }
}
