package dev.berth.engine.network;

import dev.berth.engine.api.compat.DockerTime;
import dev.berth.engine.containers.Container;
import dev.berth.engine.util.Ids;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** The JSON shapes of networks (inspect, list) and of a container's NetworkSettings, as dockerd's. */
final class NetworkViews {

  private NetworkViews() {}

  static JsonObject network(Network n, Map<String, Attachment> attached, boolean withContainers) {
    JsonArray config = new JsonArray();
    if (n.subnet() != null) {
      config.add(new JsonObject().put("Subnet", n.subnet().toString()).put("Gateway", n.gatewayIp()));
    }
    JsonObject containers = new JsonObject();
    if (withContainers) {
      attached.forEach((cid, a) -> containers.put(cid, new JsonObject()
          .put("Name", a.containerName())
          .put("EndpointID", endpointId(cid, n.id()))
          .put("MacAddress", a.mac())
          .put("IPv4Address", a.ipString() + "/" + n.subnet().prefix())
          .put("IPv6Address", "")));
    }
    return new JsonObject()
        .put("Name", n.name())
        .put("Id", n.id())
        .put("Created", DockerTime.format(n.createdNano()))
        .put("Scope", "local")
        .put("Driver", n.driver())
        .put("EnableIPv6", false)
        .put("IPAM", new JsonObject().put("Driver", "default").put("Options", null).put("Config", config))
        .put("Internal", n.internal())
        .put("Attachable", n.attachable())
        .put("Ingress", false)
        .put("ConfigFrom", new JsonObject().put("Network", ""))
        .put("ConfigOnly", false)
        .put("Containers", containers)
        .put("Options", n.options())
        .put("Labels", n.labels());
  }

  /** Stable per container and network, like an endpoint id. */
  static String endpointId(String containerId, String networkId) {
    return HexFormat.of().formatHex(Ids.sha256().digest((containerId + "/" + networkId).getBytes(StandardCharsets.UTF_8)));
  }

  /** Fills NetworkSettings for a container on bridge networks (host / none keep the core's view). */
  static JsonObject containerSettings(ContainerNetworking cn, Container c, JsonObject settings) {
    String mode = ContainerNetworking.mode(c);
    if (mode.startsWith("container:")) {
      settings.put("Networks", new JsonObject());
      return settings.put("Ports", new JsonObject());
    }
    if (!ContainerNetworking.bridged(mode)) {
      return settings.put("Ports", settings.getJsonObject("Ports", new JsonObject()));
    }
    NetworkService service = cn.networks();
    List<Attachment> live = c.isRunning() ? service.attachments(c.id()) : List.of();
    JsonObject eps = cn.endpoints(c.id());
    if (!cn.hasEndpoints(c.id())) {
      Network primary = service.find(mode.equals("default") ? Network.BRIDGE : mode);
      if (primary != null) {
        eps.put(primary.id(), new JsonObject());
      }
    }
    JsonObject networks = new JsonObject();
    for (String netId : eps.fieldNames()) {
      Network n = service.byIdOrNull(netId);
      if (n == null) {
        continue;
      }
      JsonObject ep = eps.getJsonObject(netId);
      Attachment a = live.stream().filter(x -> x.network().id().equals(netId)).findFirst().orElse(null);
      JsonArray aliases = ep.getJsonArray("Aliases", new JsonArray()); // eps is the store's copy
      if (!n.predefined() && a != null) {
        aliases = new JsonArray(a.aliases().stream().map(Object.class::cast).toList());
      }
      String requested = ep.getString("IPv4Address", "");
      JsonObject entry = new JsonObject()
          .put("IPAMConfig", requested.isEmpty() ? null : new JsonObject().put("IPv4Address", requested))
          .put("Links", null)
          .put("Aliases", aliases.isEmpty() ? null : aliases)
          // dockerd joins a network at the first start: a never-started container has no NetworkID yet
          .put("NetworkID", a == null && c.status().equals(Container.CREATED) ? "" : n.id())
          .put("EndpointID", a == null ? "" : endpointId(c.id(), n.id()))
          .put("Gateway", a == null ? "" : n.gatewayIp())
          .put("IPAddress", a == null ? "" : a.ipString())
          .put("IPPrefixLen", a == null ? 0 : n.subnet().prefix())
          .put("IPv6Gateway", "")
          .put("GlobalIPv6Address", "")
          .put("GlobalIPv6PrefixLen", 0)
          .put("MacAddress", a == null ? "" : a.mac())
          .put("DriverOpts", null);
      networks.put(n.name(), entry);
      if (n.name().equals(Network.BRIDGE)) {
        for (String k : List.of("EndpointID", "Gateway", "IPAddress", "IPPrefixLen", "MacAddress")) {
          settings.put(k, entry.getValue(k));
        }
      }
    }
    settings.put("Networks", networks);
    JsonObject ports = new JsonObject();
    if (c.isRunning()) {
      for (String key : c.exposedPorts()) {
        ports.put(key.contains("/") ? key : key + "/tcp", null);
      }
      live.stream().findFirst().ifPresent(first -> first.ports().forEach(p -> {
        JsonArray list = ports.getJsonArray(p.key());
        if (list == null) {
          list = new JsonArray();
          ports.put(p.key(), list);
        }
        list.add(new JsonObject().put("HostIp", p.hostIp().isEmpty() ? "0.0.0.0" : p.hostIp())
            .put("HostPort", Integer.toString(p.hostPort())));
      }));
      if (!live.isEmpty()) {
        settings.put("SandboxKey", cn.netnsFile(c.id()).toString());
        settings.put("SandboxID", endpointId(c.id(), "sandbox"));
      }
    }
    return settings.put("Ports", ports);
  }

  /** /containers/json "Ports": one entry per binding, and exposed ports without one. */
  static JsonArray portList(JsonObject ports) {
    JsonArray out = new JsonArray();
    for (String key : ports.fieldNames()) {
      String[] kp = key.split("/");
      int priv = Integer.parseInt(kp[0]);
      String type = kp.length > 1 ? kp[1] : "tcp";
      JsonArray bindings = ports.getJsonArray(key);
      if (bindings == null || bindings.isEmpty()) {
        out.add(new JsonObject().put("PrivatePort", priv).put("Type", type));
        continue;
      }
      for (Object o : bindings) {
        JsonObject b = (JsonObject) o;
        out.add(new JsonObject().put("IP", b.getString("HostIp")).put("PrivatePort", priv)
            .put("PublicPort", Integer.parseInt(b.getString("HostPort"))).put("Type", type));
      }
    }
    return out;
  }
}
