package dev.berth.engine.network;

import dev.berth.engine.api.compat.DockerTime;
import dev.berth.engine.errors.EngineException;
import dev.berth.engine.events.EventLog;
import dev.berth.engine.runtime.Commands;
import dev.berth.engine.util.Ids;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The engine's networks and their addresses: the predefined bridge (on its own device, with
 * --bip), host and none, user-defined bridges (subnets from --default-address-pool unless given),
 * and which running containers hold which address. Name and id resolution follow dockerd: full
 * id, then name, then a unique id prefix.
 */
public final class NetworkService {

  /** Settings from the engine's configuration (--bridge, --bip, --default-address-pool, --userland-proxy). */
  public record Settings(String bridge, String bip, String poolBase, int poolSize, boolean userlandProxy) {}

  private final NetworkStore store;
  private final EventLog events;
  private final Cidr pool;
  private final int poolSize;
  private final Map<String, Network> byId = new LinkedHashMap<>();
  /** Running containers' endpoints: container id -> attachments. */
  private final Map<String, List<Attachment>> live = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<String, Integer> lastIp = new HashMap<>();
  /** Replaced whenever a network is added or removed: list entries name networks by id. */
  private volatile Object networksVersion = new Object();
  /** Undoes what the backend keeps per network (its firewall rules) when the network goes. */
  private Consumer<Network> onRemoved = n -> { };

  NetworkService(NetworkStore store, EventLog events, Settings settings) throws IOException {
    this.store = store;
    this.events = events;
    this.pool = Cidr.parse(settings.poolBase()).network();
    this.poolSize = settings.poolSize();
    for (Network n : store.loadNetworks()) {
      byId.put(n.id(), n);
    }
    Cidr bip = Cidr.parse(settings.bip());
    Network bridge = byName(Network.BRIDGE);
    if (bridge == null) {
      bridge = new Network(Ids.random64(), Network.BRIDGE, "bridge", DockerTime.nowNano(), bip.network(), bip.address(),
          false, false, new JsonObject(), defaultBridgeOptions(settings.bridge()), settings.bridge(), false);
    } else {
      bridge = bridge.withAddressing(bip.network(), bip.address(), settings.bridge());
    }
    put(bridge);
    for (String[] p : new String[][] {{"host", "host"}, {"none", "null"}}) {
      if (byName(p[0]) == null) {
        put(new Network(Ids.random64(), p[0], p[1], DockerTime.nowNano(), null, 0, false, false,
            new JsonObject(), new JsonObject(), "", false));
      }
    }
    for (Network n : byId.values()) {
      Isolation.add(n, byId.values());
    }
  }

  void onRemoved(Consumer<Network> listener) {
    this.onRemoved = listener;
  }

  private static JsonObject defaultBridgeOptions(String bridge) {
    return new JsonObject()
        .put("com.docker.network.bridge.default_bridge", "true")
        .put("com.docker.network.bridge.enable_icc", "true")
        .put("com.docker.network.bridge.enable_ip_masquerade", "true")
        .put("com.docker.network.bridge.host_binding_ipv4", "0.0.0.0")
        .put("com.docker.network.bridge.name", bridge)
        .put("com.docker.network.driver.mtu", "1500");
  }

  private void put(Network n) throws IOException {
    store.save(n);
    byId.put(n.id(), n);
    networksVersion = new Object();
  }

  private Network byName(String name) {
    for (Network n : byId.values()) {
      if (n.name().equals(name)) {
        return n;
      }
    }
    return null;
  }

  // --- resolution ---

  public synchronized Network find(String ref) {
    if (ref == null || ref.isEmpty()) {
      return null;
    }
    Network n = byId.get(ref);
    if (n != null) {
      return n;
    }
    n = byName(ref);
    if (n != null) {
      return n;
    }
    Network match = null;
    for (Network x : byId.values()) {
      if (x.id().startsWith(ref)) {
        if (match != null) {
          throw EngineException.notFound("network " + ref + " is ambiguous (" + 2 + " matches found based on ID prefix)");
        }
        match = x;
      }
    }
    return match;
  }

  synchronized Network get(String ref) {
    Network n = find(ref);
    if (n == null) {
      throw EngineException.notFound("network " + ref + " not found");
    }
    return n;
  }

  synchronized Network byIdOrNull(String id) {
    return byId.get(id);
  }

  synchronized List<Network> all() {
    return new ArrayList<>(byId.values());
  }

  /** The network a container's NetworkMode names ("default" is the bridge). */
  synchronized Network forMode(String mode) {
    return get(mode.equals("default") ? Network.BRIDGE : mode);
  }

  // --- create / remove ---

  synchronized Network create(JsonObject body) {
    String name = body.getString("Name", "");
    if (name.isEmpty()) {
      throw EngineException.invalidParameter("network name is required");
    }
    if (!name.matches("[a-zA-Z0-9][a-zA-Z0-9_.-]*")) {
      throw EngineException.invalidParameter("invalid network name \"" + name + "\"");
    }
    String driver = body.getString("Driver", "");
    if (!driver.isEmpty() && !driver.equals("bridge")) {
      throw EngineException.notFound("plugin \"" + driver + "\" not found");
    }
    if (body.getBoolean("EnableIPv6", false)) {
      throw EngineException.invalidParameter("IPv6 networks are not supported by this engine");
    }
    if (byName(name) != null) {
      throw EngineException.conflict("network with name " + name + " already exists");
    }
    JsonObject ipam = body.getJsonObject("IPAM", new JsonObject());
    String ipamDriver = ipam.getString("Driver", "");
    if (!ipamDriver.isEmpty() && !ipamDriver.equals("default")) {
      throw EngineException.notFound("plugin \"" + ipamDriver + "\" not found");
    }
    JsonArray configs = ipam.getJsonArray("Config", new JsonArray());
    if (configs.size() > 1) {
      throw EngineException.invalidParameter("only one IPv4 subnet per network is supported by this engine");
    }
    JsonObject cfg = configs.isEmpty() ? new JsonObject() : configs.getJsonObject(0);
    String subnetText = cfg.getString("Subnet", "");
    String gatewayText = cfg.getString("Gateway", "");
    Cidr subnet;
    if (subnetText.isEmpty()) {
      if (!gatewayText.isEmpty()) {
        throw EngineException.invalidParameter("invalid pool request: a gateway needs a subnet");
      }
      subnet = freeSubnet();
    } else {
      subnet = Cidr.parse(subnetText).network();
      if (subnet.prefix() > 30) {
        throw EngineException.invalidParameter("subnet " + subnet + " is too small: it needs room for a gateway and a container");
      }
      for (Network n : byId.values()) {
        if (n.subnet() != null && n.subnet().overlaps(subnet)) {
          throw EngineException.forbidden("Pool overlaps with other one on this address space");
        }
      }
    }
    int gateway = subnet.first() + 1;
    if (!gatewayText.isEmpty()) {
      gateway = Cidr.parseIp(gatewayText, gatewayText);
      if (!subnet.contains(gateway) || gateway == subnet.first() || gateway == subnet.last()) {
        throw EngineException.invalidParameter("no matching subnet for gateway " + gatewayText);
      }
    }
    String id = Ids.random64();
    JsonObject options = body.getJsonObject("Options", new JsonObject());
    String bridge = options.getString("com.docker.network.bridge.name", "br-" + id.substring(0, 12));
    if (bridge.length() > 15 || !bridge.matches("[a-zA-Z0-9_.-]+")) {
      throw EngineException.invalidParameter("invalid bridge name " + bridge);
    }
    for (Network n : byId.values()) {
      if (bridge.equals(n.bridge())) {
        throw EngineException.conflict("bridge " + bridge + " is used by network " + n.name());
      }
    }
    Network n = new Network(id, name, "bridge", DockerTime.nowNano(), subnet, gateway,
        body.getBoolean("Internal", false), body.getBoolean("Attachable", false),
        body.getJsonObject("Labels", new JsonObject()), options, bridge, true);
    try {
      put(n);
    } catch (IOException e) {
      throw EngineException.system("cannot save network " + name + ": " + e.getMessage(), e);
    }
    Isolation.add(n, byId.values());
    events.publish("network", "create", id, Map.of("name", name, "type", "bridge"));
    return n;
  }

  /** dockerd's choice: the first pool subnet that overlaps neither a network nor a host route. */
  private Cidr freeSubnet() {
    List<Cidr> taken = new ArrayList<>(hostRoutes());
    byId.values().stream().filter(n -> n.subnet() != null).forEach(n -> taken.add(n.subnet()));
    long step = 1L << (32 - poolSize);
    for (long a = Integer.toUnsignedLong(pool.first()); a <= Integer.toUnsignedLong(pool.last()); a += step) {
      Cidr c = new Cidr((int) a, poolSize);
      if (taken.stream().noneMatch(t -> t.overlaps(c))) {
        return c;
      }
    }
    throw EngineException.forbidden(
        "could not find an available, non-overlapping IPv4 address pool among the defaults to assign to the network");
  }

  /** IPv4 routes of the main table except the default route (/proc/net/route, little-endian hex). */
  private static List<Cidr> hostRoutes() {
    List<Cidr> out = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(Path.of("/proc/net/route"))) {
        String[] f = line.trim().split("\\s+");
        if (f.length < 8 || f[0].equals("Iface")) {
          continue;
        }
        int dest = Integer.reverseBytes((int) Long.parseLong(f[1], 16));
        int mask = Integer.reverseBytes((int) Long.parseLong(f[7], 16));
        if (mask != 0) {
          out.add(new Cidr(dest, Integer.bitCount(mask)));
        }
      }
    } catch (IOException | NumberFormatException e) {
      // no route table: only our own networks count
    }
    return out;
  }

  synchronized void remove(String ref) {
    Network n = get(ref);
    if (n.predefined()) {
      throw EngineException.forbidden(n.name() + " is a pre-defined network and cannot be removed");
    }
    if (!containersOn(n.id()).isEmpty()) {
      throw EngineException.forbidden(
          "error while removing network: network " + n.name() + " id " + n.id() + " has active endpoints");
    }
    Isolation.remove(n, byId.values());
    onRemoved.accept(n);
    try {
      store.delete(n);
    } catch (IOException e) {
      throw EngineException.system("cannot remove network " + n.name() + ": " + e.getMessage(), e);
    }
    byId.remove(n.id());
    networksVersion = new Object();
    // netavark deletes the bridge with its last endpoint; one left by a crash goes here
    if (Files.exists(Path.of("/sys/class/net", n.bridge()))) {
      Commands.run(List.of("ip", "link", "del", n.bridge()));
    }
    events.publish("network", "destroy", n.id(), Map.of("name", n.name(), "type", "bridge"));
  }

  synchronized List<String> prune(Map<String, List<String>> filters) {
    List<String> removed = new ArrayList<>();
    for (Network n : NetworkFilters.apply(this, filters)) {
      if (!n.predefined() && containersOn(n.id()).isEmpty()) {
        remove(n.id());
        removed.add(n.name());
      }
    }
    return removed;
  }

  void publish(String action, Network n, String containerId) {
    events.publish("network", action, n.id(), Map.of("container", containerId, "name", n.name(), "type", n.driver()));
  }

  // --- running containers' endpoints and addresses ---

  /** Attachments of running containers on a network, by container id. */
  synchronized Map<String, Attachment> containersOn(String networkId) {
    Map<String, Attachment> out = new LinkedHashMap<>();
    live.forEach((cid, list) -> list.stream().filter(a -> a.network().id().equals(networkId))
        .forEach(a -> out.put(cid, a)));
    return out;
  }

  /** A token that is replaced whenever the set of networks changes. */
  Object networksVersion() {
    return networksVersion;
  }

  /**
   * The container's attachments as recorded: an immutable list, replaced on every change (or
   * null). Read without this service's lock (changes are made under it), so a list answered on
   * the event loop never waits for a network being created or removed.
   */
  List<Attachment> liveRecord(String containerId) {
    return live.get(containerId);
  }

  synchronized List<Attachment> attachments(String containerId) {
    return List.copyOf(live.getOrDefault(containerId, List.of()));
  }

  /**
   * Picks an address (the requested one, or the next free after the last given) and records the
   * attachment built on it at once, so that two starts never take the same address.
   */
  synchronized Attachment reserve(String containerId, Network n, String requested, java.util.function.IntFunction<Attachment> build) {
    Attachment a = build.apply(allocate(n, requested));
    List<Attachment> list = new ArrayList<>(live.getOrDefault(containerId, List.of()));
    list.add(a);
    live.put(containerId, List.copyOf(list));
    return a;
  }

  /** Forgets one endpoint of a container (networkId) or all of them (null). */
  synchronized void release(String containerId, String networkId) {
    List<Attachment> list = new ArrayList<>(live.getOrDefault(containerId, List.of()));
    list.removeIf(a -> networkId == null || a.network().id().equals(networkId));
    recordLive(containerId, list);
  }

  private int allocate(Network n, String requested) {
    Set<Integer> used = new HashSet<>();
    live.values().forEach(list -> list.stream().filter(a -> a.network().id().equals(n.id())).forEach(a -> used.add(a.ip())));
    used.add(n.gateway());
    Cidr s = n.subnet();
    if (requested != null && !requested.isEmpty()) {
      int ip = Cidr.parseIp(requested, requested);
      if (!s.contains(ip) || ip == s.first() || ip == s.last()) {
        throw EngineException.invalidParameter("Address " + requested + " is not in subnet " + s + " of network " + n.name());
      }
      if (used.contains(ip)) {
        throw EngineException.conflict("Address already in use");
      }
      return ip;
    }
    int size = s.last() - s.first() - 1;
    int start = lastIp.getOrDefault(n.id(), s.first());
    for (int i = 1; i <= size; i++) {
      int ip = s.first() + 1 + Math.floorMod(start - s.first() + i - 1, size);
      if (!used.contains(ip)) {
        lastIp.put(n.id(), ip);
        return ip;
      }
    }
    throw EngineException.unavailable("no available IPv4 addresses on network " + n.name());
  }

  synchronized void recordLive(String containerId, List<Attachment> list) {
    if (list.isEmpty()) {
      live.remove(containerId);
    } else {
      live.put(containerId, List.copyOf(list));
    }
  }
}
