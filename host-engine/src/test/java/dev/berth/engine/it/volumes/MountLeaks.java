package dev.berth.engine.it.volumes;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.it.TestEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The mounts an engine holds under its roots, from /proc/self/mountinfo: a test takes the list
 * before it starts and checks at its end that nothing new stayed mounted.
 */
public final class MountLeaks {

  private MountLeaks() {}

  public static List<String> under(TestEngine e) {
    try {
      return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
          .map(l -> l.split(" ")[4])
          .filter(p -> p.startsWith(e.dataRoot().toString()) || p.startsWith(e.execRoot().toString()))
          .toList();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  /** Fails when a mount point exists now that was not in {@code before}. */
  public static void assertNoneBeyond(TestEngine e, List<String> before) {
    List<String> now = under(e);
    List<String> leaked = now.stream().filter(m -> !before.contains(m)).toList();
    assertTrue(leaked.isEmpty(), () -> e.name() + " leaked mounts: " + leaked);
  }
}
