package dev.berth.gateway.access;

import dev.berth.gateway.auth.AuthUser;
import dev.berth.gateway.hosts.HostRecord;
import io.vertx.ext.web.RoutingContext;

/** The host a request is about, and what the caller may do there; set by HostAuthorizer. */
public record HostScope(HostRecord host, Role role, AuthUser user) {

  static final String CONTEXT_KEY = "berth.hostScope";

  public String hostId() {
    return host.id();
  }

  /** The security policy binds everyone but global admins. */
  public boolean policyApplies() {
    return !user.isAdmin();
  }

  public static HostScope of(RoutingContext ctx) {
    HostScope scope = ctx.get(CONTEXT_KEY);
    if (scope == null) {
      throw new IllegalStateException("route has no HostAuthorizer in front of it");
    }
    return scope;
  }
}
