package dev.berth.engine.stats;

/** What stats needs to know of a container. */
public interface StatsBackend {

  /**
   * A container's identity and current process. pid is 0 when it does not run.
   *
   * @param hostNetwork the container shares the host's network namespace: no per-container counters
   */
  record Target(String id, String name, int pid, boolean hostNetwork) {}

  /** By id, id prefix or name; throws EngineException "No such container" (404). */
  Target target(String ref);

  /** By full id; null once the container is gone. */
  Target targetIfPresent(String id);
}
