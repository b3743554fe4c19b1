package dev.berth.gateway.ops;

import java.util.List;

/**
 * What /health and /metrics know about hosts. Implemented by the host registry from its cached
 * health-check results: must answer at once, without calling an engine.
 */
public interface HostStatusSource {
  /** @param checkedAt epoch millis of the last check, 0 when never checked */
  record HostHealth(String id, boolean up, String lastError, long checkedAt) {}

  List<HostHealth> hostHealth();

  HostStatusSource NONE = List::of;
}
