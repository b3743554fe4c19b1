package dev.berth.gateway.policy;

/** A request broke one rule; detail says which field did it. */
public record PolicyViolation(PolicyRule rule, String detail) {

  /** The message users see: names the rule by its settings key. */
  public String message() {
    return "security policy rule '" + rule.key() + "': " + rule.description() + " (" + detail + ")";
  }
}
