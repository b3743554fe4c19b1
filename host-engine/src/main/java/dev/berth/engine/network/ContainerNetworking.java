package dev.berth.engine.network;

import dev.berth.engine.containers.Container;
import dev.berth.engine.containers.ContainerHook;
import dev.berth.engine.containers.ContainerService;
import dev.berth.engine.containers.EtcFiles;
import dev.berth.engine.errors.EngineException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * A container's networking through its life: the networks it joins (at create and by connect),
 * its netns with one endpoint per network and its published ports (at each start), and their
 * release (at each exit, idempotent, and at engine start for exits that happened meanwhile).
 */
public final class ContainerNetworking implements ContainerHook {

  private static final Logger LOG = Logger.getLogger(ContainerNetworking.class.getName());

  private final NetworkService networks;
  private final NetworkStore store;
  private final NetworkBackend backend;
  private final PortPublisher ports;
  private final ContainerService containers;
  private final Map<String, Object> locks = new ConcurrentHashMap<>();
  /** Teardowns run off the exit path (netavark takes 50-200 ms); a start or a network rm waits. */
  private final Map<String, Future<?>> pending = new ConcurrentHashMap<>();
  /** Setups in flight, from prepare until the teardown. */
  private final Map<String, Future<?>> setups = new ConcurrentHashMap<>();
  private final ExecutorService teardowns = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "network-teardown");
    t.setDaemon(true);
    return t;
  });

  ContainerNetworking(
      NetworkService networks, NetworkStore store, NetworkBackend backend, PortPublisher ports, ContainerService containers) {
    this.networks = networks;
    this.ports = ports;
    this.store = store;
    this.backend = backend;
    this.containers = containers;
  }

  Object lock(String containerId) {
    return locks.computeIfAbsent(containerId, k -> new Object());
  }

  static boolean bridged(String mode) {
    return !mode.equals("host") && !mode.equals("none") && !mode.startsWith("container:");
  }

  static String mode(Container c) {
    return c.networkMode();
  }

  // --- create ---

  @Override
  public void validate(JsonObject config, JsonObject hostConfig, JsonObject networkingConfig) {
    String mode = hostConfig.getString("NetworkMode", "default");
    boolean publishes = !hostConfig.getJsonObject("PortBindings", new JsonObject()).isEmpty()
        || hostConfig.getBoolean("PublishAllPorts", false);
    if (mode.startsWith("container:")) {
      String ref = mode.substring("container:".length());
      if (ref.isEmpty()) {
        throw EngineException.invalidParameter("invalid container format container:<name|id>");
      }
      try {
        containers.get(ref);
      } catch (EngineException e) {
        throw notFoundAtCreate(e);
      }
      if (publishes) {
        throw EngineException.invalidParameter("conflicting options: port publishing and the container type network mode");
      }
      return;
    }
    try {
      if (bridged(mode)) {
        networks.forMode(mode);
        PortPublisher.requests(config, hostConfig);
      }
      JsonObject eps = networkingConfig.getJsonObject("EndpointsConfig", new JsonObject());
      for (String key : eps.fieldNames()) {
        Network n = networks.forMode(key);
        checkEndpoint(n, eps.getJsonObject(key, new JsonObject()));
      }
    } catch (EngineException e) {
      throw notFoundAtCreate(e);
    }
  }

  /** A 404 at create makes the CLI pull the image: dockerd answers these with another status. */
  private static EngineException notFoundAtCreate(EngineException e) {
    return e.kind() == EngineException.Kind.NOT_FOUND ? EngineException.invalidParameter(e.getMessage()) : e;
  }

  static void checkEndpoint(Network n, JsonObject ep) {
    boolean user = !n.predefined();
    if (!user && !ep.getJsonArray("Aliases", new JsonArray()).isEmpty()) {
      throw EngineException.invalidParameter("network-scoped alias is supported only for containers in user defined networks");
    }
    String ip = ep.getJsonObject("IPAMConfig", new JsonObject()).getString("IPv4Address", "");
    if (!ip.isEmpty()) {
      if (!user) {
        throw EngineException.invalidParameter("user specified IP address is supported on user defined networks only");
      }
      int a = Cidr.parseIp(ip, ip);
      if (!n.subnet().contains(a)) {
        throw EngineException.invalidParameter("no configured subnet or ip-range contain the IP address " + ip);
      }
    }
  }

  @Override
  public void created(Container c, JsonObject networkingConfig) throws IOException {
    String mode = mode(c);
    if (!bridged(mode)) {
      return;
    }
    Network primary = networks.forMode(mode);
    JsonObject given = networkingConfig.getJsonObject("EndpointsConfig", new JsonObject());
    JsonObject eps = new JsonObject();
    eps.put(primary.id(), endpointRecord(given.getJsonObject(keyFor(given, primary), new JsonObject())));
    for (String key : given.fieldNames()) {
      Network n = networks.forMode(key);
      if (!eps.containsKey(n.id())) {
        eps.put(n.id(), endpointRecord(given.getJsonObject(key, new JsonObject())));
      }
    }
    store.saveEndpoints(c.id(), eps);
  }

  private String keyFor(JsonObject given, Network n) {
    for (String key : given.fieldNames()) {
      if (networks.forMode(key).id().equals(n.id())) {
        return key;
      }
    }
    return "";
  }

  static JsonObject endpointRecord(JsonObject ep) {
    return new JsonObject()
        .put("Aliases", ep.getJsonArray("Aliases", new JsonArray()))
        .put("IPv4Address", ep.getJsonObject("IPAMConfig", new JsonObject()).getString("IPv4Address", ""));
  }

  // --- start / exit ---

  /**
   * Takes the ports, the netns and the addresses, and starts plumbing the netns in the
   * background: it overlaps `runc create`, and {@link #awaitSetup} waits for it before the
   * process runs.
   */
  @Override
  public void prepare(Container c) throws IOException {
    if (!bridged(mode(c))) {
      return;
    }
    awaitTeardown(c.id());
    synchronized (lock(c.id())) {
      teardown(c.id());
      List<PortMapping> mappings =
          ports.reserve(c.id(), c.name(), PortPublisher.requests(c.config(), c.hostConfig()));
      try {
        Path netns = store.netnsFile(c.id());
        Netns.create(netns);
        JsonObject eps = store.endpoints(c.id());
        if (!store.hasEndpoints(c.id())) {
          eps.put(networks.forMode(mode(c)).id(), new JsonObject());
        }
        List<Attachment> list = new ArrayList<>();
        int index = 0;
        for (String netId : eps.fieldNames()) {
          list.add(reserveEndpoint(c, netId, eps.getJsonObject(netId), index == 0 ? mappings : List.of(), "eth" + index));
          index++;
        }
        writeEtc(c);
        setups.put(c.id(), teardowns.submit(() -> {
          for (Attachment a : list) {
            backend.setup(netns, a);
          }
          if (!list.isEmpty()) { // disconnected from every network: loopback only, nothing to publish
            ports.serve(c.id(), list.get(0).ipString());
          }
          return null;
        }));
      } catch (IOException | RuntimeException e) {
        teardown(c.id());
        throw e;
      }
    }
  }

  /** A start listener: just before `runc start`, the netns must be ready; a failed setup fails the start. */
  void awaitSetup(Container c) {
    Future<?> f = setups.get(c.id());
    if (f == null) {
      return;
    }
    try {
      f.get(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw EngineException.system("interrupted while the network was set up", e);
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw EngineException.system(String.valueOf(cause.getMessage()), cause);
    }
  }

  /** Lock held. Records the endpoint before any setup, so that a crash in between is undone. */
  Attachment reserveEndpoint(Container c, String netId, JsonObject ep, List<PortMapping> mappings, String iface)
      throws IOException {
    Network n = networks.byIdOrNull(netId);
    if (n == null) {
      throw EngineException.notFound("network " + netId + " not found");
    }
    List<String> aliases = new ArrayList<>();
    if (!n.predefined()) {
      aliases.add(c.id().substring(0, 12));
      ep.getJsonArray("Aliases", new JsonArray()).forEach(a -> aliases.add(String.valueOf(a)));
    }
    Attachment a = networks.reserve(c.id(), n, ep.getString("IPv4Address", ""),
        ip -> new Attachment(c.id(), c.name(), n, iface, ip, Attachment.macFor(ip), aliases, mappings));
    store.saveAttachments(c.id(), networks.attachments(c.id()));
    return a;
  }

  void writeEtc(Container c) throws IOException {
    List<Attachment> list = networks.attachments(c.id());
    List<String> dns = new ArrayList<>();
    list.stream().filter(a -> a.network().dns()).forEach(a -> dns.add(a.network().gatewayIp()));
    EtcFiles.writeNetworked(c, list.isEmpty() ? "127.0.0.1" : list.get(0).ipString(), dns);
  }

  /** On DNS networks the container answers to its new name at once, as on dockerd. */
  @Override
  public void renamed(Container c, String oldName) {
    if (c.isRunning()) {
      for (Attachment a : networks.attachments(c.id())) {
        backend.renamed(a, oldName, c.name());
      }
    }
  }

  @Override
  public void customizeSpec(Container c, JsonObject spec) {
    String mode = mode(c);
    JsonObject linux = spec.getJsonObject("linux");
    JsonArray ns = linux.getJsonArray("namespaces");
    if (bridged(mode)) {
      setNetns(ns, store.netnsFile(c.id()).toString());
    } else if (mode.startsWith("container:")) {
      Container target = containers.get(mode.substring("container:".length()));
      if (!target.isRunning()) {
        throw EngineException.conflict("cannot join network of a non running container: " + target.id());
      }
      if (mode(target).equals("host")) {
        ns.getList().removeIf(x -> x instanceof JsonObject j && "network".equals(j.getString("type")));
      } else {
        setNetns(ns, bridged(mode(target)) ? store.netnsFile(target.id()).toString() : "/proc/" + target.pid() + "/ns/net");
      }
      spec.put("hostname", target.config().getString("Hostname", ""));
      Map<String, Path> shared = Map.of("/etc/hosts", target.hostsPath(), "/etc/resolv.conf", target.resolvConfPath(),
          "/etc/hostname", target.hostnamePath());
      for (Object m : spec.getJsonArray("mounts")) {
        JsonObject mount = (JsonObject) m;
        Path src = shared.get(mount.getString("destination"));
        if (src != null && "bind".equals(mount.getString("type"))) {
          mount.put("source", src.toString());
        }
      }
    }
  }

  private static void setNetns(JsonArray namespaces, String path) {
    for (int i = 0; i < namespaces.size(); i++) {
      if ("network".equals(namespaces.getJsonObject(i).getString("type"))) {
        namespaces.getJsonObject(i).put("path", path);
        return;
      }
    }
    namespaces.add(new JsonObject().put("type", "network").put("path", path));
  }

  /** The host ports go at once; the endpoints in the background (see {@link #awaitTeardown}). */
  @Override
  public void released(Container c) {
    String id = c.id();
    ports.release(id);
    if (!store.hasRuntime(id)) {
      return;
    }
    pending.compute(id, (k, before) -> teardowns.submit(() -> {
      synchronized (lock(id)) {
        teardown(id);
      }
    }));
  }

  private void awaitTeardown(String containerId) {
    awaitQuietly(pending.remove(containerId));
  }

  /** Waits for a background setup or teardown; its failure is handled elsewhere. */
  private static void awaitQuietly(Future<?> f) {
    if (f != null) {
      try {
        f.get(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | TimeoutException e) {
        LOG.fine("background network work: " + e);
      }
    }
  }

  /** Before a network is removed: endpoints being torn down must not count as active. */
  void awaitTeardowns() {
    for (String id : List.copyOf(pending.keySet())) {
      awaitTeardown(id);
    }
  }

  @Override
  public void removed(Container c) {
    store.deleteEndpoints(c.id());
    locks.remove(c.id());
  }

  /** Lock held (or engine start). Undoes whatever a start set up; quiet when nothing is there. */
  private void teardown(String containerId) {
    // a teardown racing a setup would leave its rules behind; a failed one leaves its part to this
    awaitQuietly(setups.remove(containerId));
    List<Attachment> list = new ArrayList<>(store.attachments(containerId));
    for (Attachment a : networks.attachments(containerId)) {
      if (list.stream().noneMatch(x -> x.network().id().equals(a.network().id()))) {
        list.add(a);
      }
    }
    Path netns = store.netnsFile(containerId);
    for (int i = list.size() - 1; i >= 0; i--) {
      backend.teardown(netns, list.get(i));
    }
    ports.release(containerId);
    Netns.remove(netns);
    networks.release(containerId, null);
    store.deleteRuntime(containerId);
  }

  /** At engine start: running containers keep their endpoints; the others' are undone. */
  void reconcile() {
    try {
      for (String id : store.runtimeContainerIds()) {
        Container c = containers.all().stream().filter(x -> x.id().equals(id)).findFirst().orElse(null);
        if (c != null && c.isRunning()) {
          List<Attachment> list = store.attachments(id);
          networks.recordLive(id, list);
          list.stream().findFirst().ifPresent(a -> ports.rehold(id, a.ports(), a.ipString()));
        } else {
          LOG.info("releasing the network of container " + id + ", which exited while the engine was down");
          teardown(id);
        }
      }
    } catch (IOException e) {
      LOG.warning("network reconcile: " + e.getMessage());
    }
  }

  // --- views ---

  @Override
  public void describe(Container c, JsonObject inspect) {
    JsonObject settings = inspect.getJsonObject("NetworkSettings");
    NetworkViews.containerSettings(this, c, settings);
  }

  @Override
  public void summarize(Container c, JsonObject summary) {
    JsonObject settings = NetworkViews.containerSettings(this, c, new JsonObject().put("Networks", new JsonObject()));
    summary.put("Ports", NetworkViews.portList(settings.getJsonObject("Ports")));
    summary.put("NetworkSettings", new JsonObject().put("Networks", settings.getJsonObject("Networks")));
  }

  /** Everything summarize reads that changes: the live attachments, the endpoints and the set of networks. */
  @Override
  public Object summaryStamp(Container c) {
    return new Object[] {networks.liveRecord(c.id()), store.endpointsRecord(c.id()), networks.networksVersion()};
  }

  NetworkService networks() {
    return networks;
  }

  boolean hasEndpoints(String containerId) {
    return store.hasEndpoints(containerId);
  }

  JsonObject endpoints(String containerId) {
    return store.endpoints(containerId);
  }

  Path netnsFile(String containerId) {
    return store.netnsFile(containerId);
  }
}
