package dev.berth.gateway.proxy;

import dev.berth.gateway.hosts.HostRecord;
import dev.berth.gateway.policy.PolicyRule;
import dev.berth.gateway.policy.PolicyViolation;
import dev.berth.gateway.policy.SecurityPolicy;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

import java.util.Locale;
import java.util.Optional;

/**
 * The host's security policy applied to the bodies the proxy inspects: container create and
 * volume create (the shared SecurityPolicy), and exec create, where "Privileged": true would
 * give a plain container every capability. Field names match case-insensitively, as the
 * engine's JSON decoder matches them.
 */
final class ProxyPolicy {

  private ProxyPolicy() {
  }

  /**
   * @return the violation, if any
   * @throws IllegalArgumentException when the body is not a JSON object (the policy cannot judge it)
   */
  static Optional<PolicyViolation> check(DockerRoutes.Kind kind, Buffer body, HostRecord host) {
    JsonObject json;
    try {
      json = body.length() == 0 ? new JsonObject() : body.toJsonObject();
    } catch (DecodeException | ClassCastException e) {
      throw new IllegalArgumentException("the request body is not a JSON object");
    }
    return switch (kind) {
      case CONTAINER_CREATE -> SecurityPolicy.checkContainerCreate(json, host.policy(), host.engineSockets());
      case VOLUME_CREATE -> SecurityPolicy.checkVolumeCreate(json, host.policy(), host.engineSockets());
      case EXEC_CREATE -> privilegedExec(json) && host.policy().enforces(PolicyRule.PRIVILEGED)
          ? Optional.of(new PolicyViolation(PolicyRule.PRIVILEGED, "exec Privileged"))
          : Optional.empty();
      default -> Optional.empty();
    };
  }

  private static boolean privilegedExec(JsonObject exec) {
    for (String name : exec.fieldNames()) {
      String folded = name.replace('\u017f', 's').replace('\u212a', 'k').toLowerCase(Locale.ROOT);
      if (folded.equals("privileged") && Boolean.TRUE.equals(exec.getValue(name))) {
        return true;
      }
    }
    return false;
  }
}
