package dev.berth.engine.network;

import dev.berth.engine.api.ApiRoutes;
import dev.berth.engine.containers.ContainerHook;
import dev.berth.engine.containers.ContainerService;
import dev.berth.engine.events.EventLog;
import java.io.IOException;
import java.nio.file.Path;

/** The network part of the engine, built in one place: its container hook and its router. */
public final class Networking {

  private final ContainerNetworking hook;
  private final NetworksRouter router;

  private Networking(ContainerNetworking hook, NetworksRouter router) {
    this.hook = hook;
    this.router = router;
  }

  /**
   * Loads the networks and releases the endpoints of containers that exited while the engine
   * was down. Call after the container service has reconciled and before the socket opens.
   */
  public static Networking start(
      Path dataRoot, Path execRoot, NetworkService.Settings settings, EventLog events, ContainerService containers)
      throws IOException {
    NetworkStore store = new NetworkStore(dataRoot, execRoot);
    NetworkService service = new NetworkService(store, events, settings);
    PortPublisher ports = new PortPublisher(settings.userlandProxy());
    NetworkBackend backend = new NetavarkBackend(execRoot.resolve("netavark"));
    ContainerNetworking hook = new ContainerNetworking(service, store, backend, ports, containers);
    hook.reconcile();
    containers.addStartListener(hook::awaitSetup);
    // a SIGTERM right after a removal must not cut a background teardown short: after it the
    // roots may be deleted, and nothing would ever release that endpoint
    Runtime.getRuntime().addShutdownHook(new Thread(hook::awaitTeardowns, "network-teardowns"));
    NetworkAttach attach = new NetworkAttach(hook, service, store, backend, containers);
    return new Networking(hook, new NetworksRouter(service, hook, attach));
  }

  public ContainerHook hook() {
    return hook;
  }

  public ApiRoutes router() {
    return router;
  }
}
