package dev.berth.engine.it;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Debian's dockerd 20.10, the reference. Each instance gets its own bridge device and
 * subnet so that several (from parallel test runs) never fight over docker0.
 */
final class DockerdEngine extends ProcessEngine {

  private final String bridge;
  private final String subnet;

  DockerdEngine() {
    super("d");
    int n = ThreadLocalRandom.current().nextInt(10, 250);
    bridge = "bit" + Long.toHexString(ProcessHandle.current().pid() % 0xffff) + "x" + n;
    subnet = "10.213." + n + ".1/24";
    Cli.run("ip", "link", "del", bridge);
    Cli.must("ip", "link", "add", "name", bridge, "type", "bridge");
    Cli.must("ip", "addr", "add", subnet, "dev", bridge);
    Cli.must("ip", "link", "set", bridge, "up");
  }

  @Override
  public String name() {
    return "dockerd";
  }

  @Override
  Duration startTimeout() {
    return Duration.ofSeconds(90);
  }

  @Override
  List<String> command() {
    return List.of(
        "dockerd",
        "--host", host(),
        "--data-root", dataRoot().toString(),
        "--exec-root", execRoot().toString(),
        "--pidfile", pidfile().toString(),
        "--bridge", bridge,
        // several reference daemons may run at once: keep them out of the shared iptables chains
        "--iptables=false",
        "--ip-masq=false",
        "--storage-driver", "overlay2");
  }

  @Override
  void afterStop() {
    Cli.run("ip", "link", "del", bridge);
  }
}
