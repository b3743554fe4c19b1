package dev.berth.gateway.audit;

import io.vertx.core.json.JsonObject;

/**
 * One audit record. Never holds secrets: no passwords, tokens or keys in any field.
 *
 * @param time epoch milliseconds
 * @param userId null for anonymous callers and failed logins of unknown users
 * @param hostId null for requests that concern no host
 * @param action e.g. "login" or "POST /api/hosts/{id}/containers/{cid}/start"
 * @param outcome e.g. "success", "failure" or the HTTP status code
 */
public record AuditEntry(long time, Long userId, String username, String clientAddress,
    String hostId, String action, String target, String outcome, String detail) {

  public JsonObject toJson() {
    return new JsonObject()
        .put("time", java.time.Instant.ofEpochMilli(time).toString())
        .put("userId", userId)
        .put("username", username)
        .put("clientAddress", clientAddress)
        .put("hostId", hostId)
        .put("action", action)
        .put("target", target)
        .put("outcome", outcome)
        .put("detail", detail);
  }
}
