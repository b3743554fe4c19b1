package dev.berth.gateway.hosts;

/** Receives the latency of every engine call, for /metrics (matches Metrics::recordEngineCall). */
@FunctionalInterface
public interface EngineCallTimer {

  /**
   * @param operation method and first path segment, e.g. "GET containers" (bounded cardinality)
   * @param success false when the engine was unreachable or answered 5xx
   */
  void record(String hostId, String operation, long nanos, boolean success);

  EngineCallTimer NONE = (hostId, operation, nanos, success) -> { };
}
