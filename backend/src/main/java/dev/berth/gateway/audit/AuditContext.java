package dev.berth.gateway.audit;

import io.vertx.ext.web.RoutingContext;

/**
 * What a handler may add to the generic audit entry of its mutating request. The entry itself is
 * written by the shared chain after the response, so handlers never write it twice.
 */
public final class AuditContext {
  static final String SKIP = "berth.audit.skip";
  static final String DETAIL = "berth.audit.detail";
  static final String TARGET = "berth.audit.target";
  static final String ACTOR = "berth.audit.actor";

  private AuditContext() {}

  /** The handler wrote its own entries (login does, to record the attempted username). */
  public static void skip(RoutingContext ctx) {
    ctx.put(SKIP, Boolean.TRUE);
  }

  /** A short, secret-free detail, e.g. "image=busybox:latest". */
  public static void detail(RoutingContext ctx, String detail) {
    ctx.put(DETAIL, detail);
  }

  /** Overrides the target taken from the path (e.g. the name of a created container). */
  public static void target(RoutingContext ctx, String target) {
    ctx.put(TARGET, target);
  }

  /** Names the actor of an unauthenticated request that creates its own identity (first-run setup). */
  public static void actor(RoutingContext ctx, String username) {
    ctx.put(ACTOR, username);
  }

  public static String actorOf(RoutingContext ctx) {
    return ctx.get(ACTOR);
  }

  public static boolean skipped(RoutingContext ctx) {
    return ctx.get(SKIP) != null;
  }

  public static String detailOf(RoutingContext ctx) {
    return ctx.get(DETAIL);
  }

  public static String targetOf(RoutingContext ctx) {
    return ctx.get(TARGET);
  }
}
