package dev.berth.gateway.access;

import java.util.Collection;
import java.util.Optional;

/** The effective-role rule, kept pure so it is tested on its own. */
public final class RoleResolver {

  private RoleResolver() {
  }

  /**
   * Global admins are admin on every host; anyone else gets the highest of the roles
   * granted to them directly and through their teams, or nothing (the host is invisible).
   */
  public static Optional<Role> effective(boolean globalAdmin, Collection<Role> grantedRoles) {
    if (globalAdmin) {
      return Optional.of(Role.ADMIN);
    }
    return grantedRoles.stream().max(Role::compareTo);
  }
}
