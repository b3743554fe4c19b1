package dev.berth.engine.network;

import io.vertx.core.json.JsonObject;

/**
 * One published port: hostIp ("" for all addresses) : hostPort -> containerPort / protocol;
 * {@code dnat} when netavark forwards it (the others have a userland proxy), kept so that a
 * teardown removes what the setup made even if the setting changed in between.
 */
record PortMapping(String hostIp, int hostPort, int containerPort, String protocol, boolean dnat) {

  /** Docker's key in ExposedPorts / PortBindings: "80/tcp". */
  String key() {
    return containerPort + "/" + protocol;
  }

  JsonObject toJson() {
    return new JsonObject()
        .put("HostIp", hostIp)
        .put("HostPort", hostPort)
        .put("ContainerPort", containerPort)
        .put("Protocol", protocol)
        .put("Dnat", dnat);
  }

  static PortMapping fromJson(JsonObject j) {
    return new PortMapping(
        j.getString("HostIp", ""), j.getInteger("HostPort"), j.getInteger("ContainerPort"), j.getString("Protocol", "tcp"),
        j.getBoolean("Dnat", true));
  }
}
