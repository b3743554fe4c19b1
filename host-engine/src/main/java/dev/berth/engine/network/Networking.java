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
    Firewall firewall = new Firewall();
    IprouteBackend lean = new IprouteBackend(firewall);
    NetworkBackend backend = byNetwork(lean, new NetavarkBackend(execRoot.resolve("netavark")));
    service.onRemoved(n -> {
      if (!n.dns()) {
        lean.release(n);
      }
    });
    ContainerNetworking hook = new ContainerNetworking(service, store, backend, ports, containers);
    hook.reconcile();
    for (Network n : service.all()) {
      if (!n.dns() && !service.containersOn(n.id()).isEmpty()) {
        firewall.ensure(n); // re-adopted containers keep their NAT (rewritten in place, never missing)
      }
    }
    containers.addStartListener(hook::awaitSetup);
    // a SIGTERM right after a removal must not cut a background teardown short: after it the
    // roots may be deleted, and nothing would ever release that endpoint. Then networks nobody
    // uses lose their rules and bridge, as netavark's went with a network's last endpoint.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      hook.awaitTeardowns();
      for (Network n : service.all()) {
        if (firewall.made(n) && service.containersOn(n.id()).isEmpty()) {
          lean.release(n);
        }
      }
    }, "network-teardowns"));
    NetworkAttach attach = new NetworkAttach(hook, service, store, backend, containers);
    return new Networking(hook, new NetworksRouter(service, hook, attach));
  }

  /** DNS networks go to netavark (aardvark-dns serves their names), the others to the lean backend. */
  private static NetworkBackend byNetwork(IprouteBackend lean, NetavarkBackend netavark) {
    return new NetworkBackend() {
      @Override
      public void setup(Path netns, Attachment a) throws IOException {
        (a.network().dns() ? netavark : lean).setup(netns, a);
      }

      @Override
      public void teardown(Path netns, Attachment a) {
        (a.network().dns() ? netavark : lean).teardown(netns, a);
      }

      @Override
      public void renamed(Attachment a, String oldName, String newName) {
        (a.network().dns() ? netavark : lean).renamed(a, oldName, newName);
      }
    };
  }

  public ContainerHook hook() {
    return hook;
  }

  public ApiRoutes router() {
    return router;
  }
}
