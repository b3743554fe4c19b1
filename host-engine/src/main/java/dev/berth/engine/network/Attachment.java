package dev.berth.engine.network;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * A running container's endpoint on one network: what the backend set up in its netns. It keeps
 * a snapshot of the network so the endpoint can be torn down even after an engine restart.
 */
record Attachment(
    String containerId,
    String containerName,
    Network network,
    String iface,
    int ip,
    String mac,
    List<String> aliases,
    List<PortMapping> ports) {

  String ipString() {
    return Cidr.ip(ip);
  }

  /** dockerd's scheme: 02:42 followed by the IPv4 address. */
  static String macFor(int ip) {
    return String.format(
        "02:42:%02x:%02x:%02x:%02x", (ip >>> 24) & 255, (ip >>> 16) & 255, (ip >>> 8) & 255, ip & 255);
  }

  JsonObject toJson() {
    JsonArray ps = new JsonArray();
    ports.forEach(p -> ps.add(p.toJson()));
    return new JsonObject()
        .put("ContainerId", containerId)
        .put("ContainerName", containerName)
        .put("Network", network.toJson())
        .put("Interface", iface)
        .put("IP", Cidr.ip(ip))
        .put("Mac", mac)
        .put("Aliases", new JsonArray(new ArrayList<>(aliases)))
        .put("Ports", ps);
  }

  static Attachment fromJson(JsonObject j) {
    List<String> aliases = new ArrayList<>();
    j.getJsonArray("Aliases", new JsonArray()).forEach(a -> aliases.add(String.valueOf(a)));
    List<PortMapping> ports = new ArrayList<>();
    j.getJsonArray("Ports", new JsonArray()).forEach(p -> ports.add(PortMapping.fromJson((JsonObject) p)));
    return new Attachment(
        j.getString("ContainerId"),
        j.getString("ContainerName"),
        Network.fromJson(j.getJsonObject("Network")),
        j.getString("Interface"),
        Cidr.parseIp(j.getString("IP"), "ip"),
        j.getString("Mac"),
        aliases,
        ports);
  }
}
