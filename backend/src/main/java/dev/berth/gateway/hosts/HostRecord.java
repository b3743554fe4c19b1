package dev.berth.gateway.hosts;

import dev.berth.gateway.policy.PolicySettings;
import dev.berth.gateway.policy.SecurityPolicy;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** A registered host. tls holds secret key material and never leaves the gateway. */
public record HostRecord(String id, String name, HostConnection connection, Map<String, String> labels,
                         PolicySettings policy, long createdAt) {

  public HostRecord {
    labels = Map.copyOf(labels);
  }

  /** Engine sockets the policy keeps out of containers on this host. */
  public Set<String> engineSockets() {
    Set<String> sockets = new HashSet<>(SecurityPolicy.WELL_KNOWN_SOCKETS);
    if (connection.socketPath() != null) {
      sockets.add(connection.socketPath());
    }
    return sockets;
  }
}
