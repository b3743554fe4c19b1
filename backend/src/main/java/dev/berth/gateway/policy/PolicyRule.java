package dev.berth.gateway.policy;

import java.util.Arrays;
import java.util.Optional;

/** The rules of the per-host security policy; the key is used in settings and messages. */
public enum PolicyRule {
  PRIVILEGED("privileged", "privileged containers are not allowed"),
  HOST_NAMESPACES("hostNamespaces", "sharing the host's network, PID, IPC, UTS or user namespace is not allowed"),
  BIND_MOUNTS("bindMounts", "bind mounts of host paths are not allowed"),
  CAPABILITIES("capabilities", "adding capabilities is not allowed"),
  DEVICES("devices", "access to host devices is not allowed"),
  ENGINE_SOCKET("engineSocket", "mounting the engine socket is not allowed");

  private final String key;
  private final String description;

  PolicyRule(String key, String description) {
    this.key = key;
    this.description = description;
  }

  public String key() {
    return key;
  }

  public String description() {
    return description;
  }

  public static Optional<PolicyRule> byKey(String key) {
    return Arrays.stream(values()).filter(r -> r.key.equals(key)).findFirst();
  }
}
