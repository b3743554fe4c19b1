package dev.berth.gateway.resources;

/** Counts container lists by where they came from, for /metrics (matches Metrics::recordContainerList). */
@FunctionalInterface
public interface ListCounter {

  /** Kept in memory since the host last changed. */
  String KEPT = "kept";
  /** Another request's engine read, still under way when this list was asked. */
  String SHARED = "shared";
  /** Read from the engine for this request. */
  String ENGINE = "engine";

  /** @param source {@link #KEPT}, {@link #SHARED} or {@link #ENGINE} */
  void counted(String hostId, String source);

  ListCounter NONE = (hostId, source) -> { };
}
