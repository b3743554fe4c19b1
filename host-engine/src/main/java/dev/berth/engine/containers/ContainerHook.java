package dev.berth.engine.containers;

import io.vertx.core.json.JsonObject;
import java.io.IOException;

/**
 * What other packages (networks, volumes, health, stats) do around a container's life, so the
 * verbs here need not know them. Hooks run in registration order (released/removed in reverse),
 * with the container's lock held, on a worker thread; they may block.
 */
public interface ContainerHook {

  /**
   * At create, before anything is written: checks and normalises the create body's parts
   * (hostConfig and networkingConfig are mutable copies). Throws EngineException to refuse.
   */
  default void validate(JsonObject config, JsonObject hostConfig, JsonObject networkingConfig) {}

  /**
   * At create, after validation, before the state file is saved: takes what the container
   * needs (named volumes, network endpoints). A throw aborts the create; {@link #removed} runs
   * for the hooks that already succeeded, so it must cope with a half-made container.
   */
  default void created(Container c, JsonObject networkingConfig) throws IOException {}

  /** At each start, after the rootfs is mounted and before the OCI spec is built. */
  default void prepare(Container c) throws IOException {}

  /** Adjusts the OCI spec (namespaces, mounts, resources) before the bundle is written. */
  default void customizeSpec(Container c, JsonObject spec) throws IOException {}

  /** After {@code runc start} succeeded: the process runs. */
  default void started(Container c) {}

  /**
   * After the process ended, a start failed, or before removal: releases what prepare/started
   * took (netns, port proxies, timers). Idempotent; must not throw.
   */
  default void released(Container c) {}

  /** After a rename (lock held): what keeps the old name, such as DNS entries, follows. Must not throw. */
  default void renamed(Container c, String oldName) {}

  /** When the container is removed (after released); must not throw. */
  default void removed(Container c) {}

  /** Adds this package's fields to GET /containers/{id}/json (NetworkSettings, Mounts, State.Health). */
  default void describe(Container c, JsonObject inspect) {}

  /**
   * Adds this package's fields to one GET /containers/json entry (Ports, NetworkSettings,
   * Mounts). Lists reuse an entry while {@link #summaryStamp} stays the same, so what this
   * writes must depend only on what the stamp covers; Status is not this method's to change
   * (see {@link #statusSuffix}).
   */
  default void summarize(Container c, JsonObject summary) {}

  /**
   * What {@link #summarize} reads for {@code c}, as references that are replaced, never
   * mutated, when it changes: one object, or an {@code Object[]} of them, compared by identity.
   * A list re-summarizes the container when any hook's stamp (or the container's name or
   * status) is not the same object as when its entry was made. The default, null, is for hooks
   * that add nothing, or nothing that ever changes.
   */
  default Object summaryStamp(Container c) {
    return null;
  }

  /** Appended to a list entry's Status at every list, like " (healthy)"; empty for none. */
  default String statusSuffix(Container c) {
    return "";
  }
}
