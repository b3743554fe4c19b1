package dev.berth.gateway.access;

import java.util.Locale;
import java.util.Optional;

/** A role on one host, ordered: each role includes everything of the ones before it. */
public enum Role {
  VIEWER, OPERATOR, ADMIN;

  public boolean atLeast(Role other) {
    return compareTo(other) >= 0;
  }

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Role> parse(String key) {
    if (key == null) {
      return Optional.empty();
    }
    for (Role r : values()) {
      if (r.key().equals(key)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}
