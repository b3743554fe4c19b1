package dev.berth.gateway.policy;

import io.vertx.core.json.JsonObject;

import java.util.EnumSet;
import java.util.Set;

/**
 * Which rules a host enforces. Every rule is on by default; a host admin may switch rules
 * off. Global admins are never subject to the policy. JSON: {"privileged": true, ...}
 * with one boolean per rule key, true = enforced.
 */
public record PolicySettings(Set<PolicyRule> enforced) {

  public static final PolicySettings ALL = new PolicySettings(EnumSet.allOf(PolicyRule.class));

  public PolicySettings {
    enforced = enforced.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(enforced));
  }

  public boolean enforces(PolicyRule rule) {
    return enforced.contains(rule);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    for (PolicyRule rule : PolicyRule.values()) {
      json.put(rule.key(), enforced.contains(rule));
    }
    return json;
  }

  /** Reads settings; keys left out keep their value from base. Unknown keys are rejected. */
  public static PolicySettings fromJson(JsonObject json, PolicySettings base) {
    EnumSet<PolicyRule> rules = base.enforced.isEmpty() ? EnumSet.noneOf(PolicyRule.class) : EnumSet.copyOf(base.enforced);
    for (String key : json.fieldNames()) {
      PolicyRule rule = PolicyRule.byKey(key)
          .orElseThrow(() -> new IllegalArgumentException("unknown policy rule: " + key));
      Object value = json.getValue(key);
      if (!(value instanceof Boolean on)) {
        throw new IllegalArgumentException("policy." + key + " must be true or false");
      }
      if (on) {
        rules.add(rule);
      } else {
        rules.remove(rule);
      }
    }
    return new PolicySettings(rules);
  }
}
