package dev.berth.engine.it;

import java.nio.file.Path;
import java.time.Duration;

/**
 * An engine under test, really started with its own socket and roots: Berth's engine or
 * Debian's dockerd (the reference). Tests drive it with the real docker CLI.
 */
public interface TestEngine {

  /** "berth" or "dockerd"; parameterized tests show it in their names. */
  String name();

  default boolean isBerth() {
    return name().equals("berth");
  }

  /** unix:///... for DOCKER_HOST / -H. */
  default String host() {
    return "unix://" + socket();
  }

  Path socket();

  Path dataRoot();

  Path execRoot();

  /** The docker CLI against this engine. */
  Cli.Result docker(String... args);

  /** The docker CLI with the given text on its stdin. */
  Cli.Result dockerIn(String stdin, String... args);

  Cli.Result docker(Duration timeout, String... args);

  /** Stops the daemon cleanly (SIGTERM) and starts it again on the same roots. */
  void restart();

  /** kill -9 of the daemon, then a start on the same roots. */
  void kill9AndRestart();

  /** CPU time (user + system) the daemon process has used so far, from /proc. */
  Duration cpuTime();

  /** Environment for a process that should talk to this engine (DOCKER_HOST, DOCKER_CONFIG). */
  java.util.Map<String, String> cliEnv();
}
