package dev.berth.engine.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Berth's engine, started from the packaged host-engine.jar with temporary roots. */
final class BerthEngine extends ProcessEngine {

  /** Each engine gets its own default bridge and subnets, so parallel runs never share addresses. */
  private final int net = java.util.concurrent.ThreadLocalRandom.current().nextInt(10, 250);

  private final String bridge = "bb" + Long.toHexString(ProcessHandle.current().pid() % 0xffff) + "x" + net;

  BerthEngine() {
    super("b");
  }

  @Override
  public String name() {
    return "berth";
  }

  static Path jar() {
    String configured = System.getProperty("berth.engineJar");
    Path jar = configured != null ? Path.of(configured) : Path.of("target/host-engine.jar");
    if (!Files.exists(jar)) {
      throw new IllegalStateException("engine jar not found at " + jar + ": run mvn package first");
    }
    return jar;
  }

  @Override
  List<String> command() {
    return List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m",
        "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1",
        "-jar",
        jar().toString(),
        "--host", host(),
        "--data-root", dataRoot().toString(),
        "--exec-root", execRoot().toString(),
        "--pidfile", pidfile().toString(),
        "--log-level", "debug",
        "--bridge", bridge,
        "--bip", "10.88." + net + ".1/24",
        "--default-address-pool", "base=10." + (100 + net % 100) + ".0.0/16,size=24");
  }

  /** conmon outlives the engine by design; a finished test run must not leave any behind. */
  @Override
  void afterStop() {
    try (var procs = Files.list(Path.of("/proc"))) {
      procs
          .filter(p -> p.getFileName().toString().matches("\\d+"))
          .forEach(
              p -> {
                try {
                  String cmdline = Files.readString(p.resolve("cmdline")).replace('\0', ' ');
                  if (cmdline.contains(base.toString()) && cmdline.startsWith("/usr/bin/conmon")) {
                    Cli.run("kill", "-9", p.getFileName().toString());
                  }
                } catch (IOException e) {
                  // the process went away
                }
              });
    } catch (IOException e) {
      // best effort
    }
    // runc state dirs (<root>/<id>/state.json) left under our roots: delete those containers
    try (var walk = Files.walk(base)) {
      walk.filter(p -> p.getFileName().toString().equals("state.json"))
          .forEach(
              state -> {
                Path dir = state.getParent();
                Cli.run("runc", "--root", dir.getParent().toString(), "delete", "-f", dir.getFileName().toString());
              });
    } catch (IOException | java.io.UncheckedIOException e) {
      // best effort
    }
    // the engine keeps its default bridge when it stops, as dockerd keeps docker0: this one was the test's
    Cli.run("ip", "link", "del", bridge);
  }
}
