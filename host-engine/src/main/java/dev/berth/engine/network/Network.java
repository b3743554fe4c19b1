package dev.berth.engine.network;

import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * One network: the predefined bridge / host / none, or a user-defined bridge. {@code subnet} is
 * the network form (10.89.0.0/24) and is null for host and none; {@code bridge} is the Linux
 * bridge device; {@code dns} says whether names resolve (user networks, as on dockerd).
 */
record Network(
    String id,
    String name,
    String driver,
    long createdNano,
    Cidr subnet,
    int gateway,
    boolean internal,
    boolean attachable,
    JsonObject labels,
    JsonObject options,
    String bridge,
    boolean dns) {

  static final String BRIDGE = "bridge";
  static final Set<String> PREDEFINED = Set.of("bridge", "host", "none");

  boolean predefined() {
    return PREDEFINED.contains(name);
  }

  boolean isBridgeDriver() {
    return driver.equals("bridge");
  }

  String gatewayIp() {
    return Cidr.ip(gateway);
  }

  Network withAddressing(Cidr newSubnet, int newGateway, String newBridge) {
    return new Network(id, name, driver, createdNano, newSubnet, newGateway, internal, attachable, labels, options, newBridge, dns);
  }

  JsonObject toJson() {
    return new JsonObject()
        .put("Id", id)
        .put("Name", name)
        .put("Driver", driver)
        .put("Created", createdNano)
        .put("Subnet", subnet == null ? null : subnet.toString())
        .put("Gateway", subnet == null ? null : gatewayIp())
        .put("Internal", internal)
        .put("Attachable", attachable)
        .put("Labels", labels)
        .put("Options", options)
        .put("Bridge", bridge)
        .put("Dns", dns);
  }

  static Network fromJson(JsonObject j) {
    String subnet = j.getString("Subnet");
    return new Network(
        j.getString("Id"),
        j.getString("Name"),
        j.getString("Driver", "bridge"),
        j.getLong("Created", 0L),
        subnet == null ? null : Cidr.parse(subnet),
        subnet == null ? 0 : Cidr.parseIp(j.getString("Gateway"), "gateway"),
        j.getBoolean("Internal", false),
        j.getBoolean("Attachable", false),
        j.getJsonObject("Labels", new JsonObject()),
        j.getJsonObject("Options", new JsonObject()),
        j.getString("Bridge", ""),
        j.getBoolean("Dns", false));
  }
}
