package dev.berth.gateway.access;

import io.vertx.core.json.JsonObject;

/** One role on one host for a user or a team: subject "user:ID" or "team:ID". */
public record Grant(SubjectKind kind, long subjectId, Role role) {

  public enum SubjectKind { USER, TEAM }

  public String subject() {
    return (kind == SubjectKind.USER ? "user:" : "team:") + subjectId;
  }

  public JsonObject toJson() {
    return new JsonObject().put("subject", subject()).put("role", role.key());
  }

  /** Parses {"subject": "user:ID"|"team:ID", "role": "viewer"|"operator"|"admin"}. */
  public static Grant fromJson(JsonObject json) {
    Object subject = json.getValue("subject");
    Object role = json.getValue("role");
    if (!(subject instanceof String s) || !s.matches("(user|team):[1-9][0-9]{0,17}")) {
      throw new IllegalArgumentException("grant subject must be \"user:ID\" or \"team:ID\", got: " + subject);
    }
    Role r = role instanceof String rs ? Role.parse(rs).orElse(null) : null;
    if (r == null) {
      throw new IllegalArgumentException("grant role must be viewer, operator or admin, got: " + role);
    }
    String[] parts = s.split(":");
    return new Grant(parts[0].equals("user") ? SubjectKind.USER : SubjectKind.TEAM, Long.parseLong(parts[1]), r);
  }
}
