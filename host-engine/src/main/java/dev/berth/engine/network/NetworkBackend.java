package dev.berth.engine.network;

import java.io.IOException;
import java.nio.file.Path;

/**
 * What plumbs a container's network namespace into a network: veth, bridge, address, routes,
 * NAT, published ports and name resolution. Addresses are chosen by the engine (IPAM is the
 * engine's), so a backend only applies them.
 */
interface NetworkBackend {

  /** Connects the netns to the attachment's network; on failure nothing of it stays. */
  void setup(Path netns, Attachment a) throws IOException;

  /** A running container was renamed: its name resolves under the new name only. Best effort. */
  default void renamed(Attachment a, String oldName, String newName) {}

  /** Undoes {@link #setup}; best effort and idempotent (the netns may already be gone). */
  void teardown(Path netns, Attachment a);
}
