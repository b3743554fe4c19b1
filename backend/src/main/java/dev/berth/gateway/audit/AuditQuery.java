package dev.berth.gateway.audit;

/** Filters for reading the audit log; null fields do not filter. Times are epoch millis. */
public record AuditQuery(String username, String action, String hostId, String outcome,
    Long from, Long to, int limit, int offset) {}
