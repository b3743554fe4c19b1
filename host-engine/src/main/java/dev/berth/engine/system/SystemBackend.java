package dev.berth.engine.system;

/** What /info needs to know from the rest of the engine. */
public interface SystemBackend {

  /** Counts for /info: total, running, paused, stopped containers. */
  record ContainerCounts(int total, int running, int paused, int stopped) {}

  ContainerCounts containerCounts();

  int imageCount();
}
