package dev.berth.gateway.audit;

import dev.berth.gateway.auth.AuthUser;
import dev.berth.gateway.http.ApiError;
import dev.berth.gateway.http.Bodies;
import dev.berth.gateway.http.HttpEndpoint;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Reading the audit log; global admins only. */
public final class AuditEndpoint implements HttpEndpoint {
  private final AuditLog auditLog;

  public AuditEndpoint(AuditLog auditLog) {
    this.auditLog = auditLog;
  }

  @Override
  public void addRoutes(Router api) {
    // GET
    api.get("/audit").handler(this::getAudit);
  }

  private void getAudit(RoutingContext ctx) {
    AuthUser.requireAdmin(ctx);
    int limit = Bodies.intQuery(ctx, "limit", 100, 1, 1000);
    int offset = Bodies.intQuery(ctx, "offset", 0, 0, Integer.MAX_VALUE);
    AuditQuery query = new AuditQuery(text(ctx, "user"), text(ctx, "action"), text(ctx, "host"), text(ctx, "outcome"),
        time(ctx, "from"), time(ctx, "to"), limit, offset);
    auditLog.query(query).onSuccess(page -> {
      JsonArray items = new JsonArray();
      page.items().forEach(entry -> items.add(entry.toJson()));
      ctx.json(new JsonObject().put("items", items).put("total", page.total()).put("limit", limit).put("offset", offset));
    }).onFailure(ctx::fail);
  }

  private static String text(RoutingContext ctx, String name) {
    String value = ctx.queryParams().get(name);
    return value == null || value.isEmpty() ? null : value;
  }

  /** ISO-8601 instant (2026-01-31T10:00:00Z) or epoch milliseconds. */
  private static Long time(RoutingContext ctx, String name) {
    String value = text(ctx, name);
    if (value == null) {
      return null;
    }
    try {
      return value.chars().allMatch(Character::isDigit) ? Long.parseLong(value) : Instant.parse(value).toEpochMilli();
    } catch (NumberFormatException | DateTimeParseException e) {
      throw ApiError.badRequest("query parameter '" + name + "' must be an ISO-8601 time such as 2026-01-31T10:00:00Z"
          + " or epoch milliseconds");
    }
  }
}
