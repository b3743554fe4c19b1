package dev.berth.engine.it;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Shared mechanics of an engine daemon started as a child process with temporary roots. */
abstract class ProcessEngine implements TestEngine {

  protected final Path base;
  private final Path configDir;
  private Process process;

  ProcessEngine(String shortName) {
    try {
      // short paths: unix socket paths must stay under 108 bytes
      base = Files.createTempDirectory(Path.of("/tmp"), "bit-" + shortName + "-");
      configDir = Files.createDirectories(base.resolve("cli"));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public Path socket() {
    return base.resolve("e.sock");
  }

  @Override
  public Path dataRoot() {
    return base.resolve("data");
  }

  @Override
  public Path execRoot() {
    return base.resolve("exec");
  }

  @Override
  public synchronized Duration cpuTime() {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
      // fields after the command name, which may hold spaces: state is the 3rd, utime the 14th, stime the 15th
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
      return Duration.ofMillis(ticks * 10); // USER_HZ is 100 on Linux
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  Path pidfile() {
    return base.resolve("engine.pid");
  }

  Path logFile() {
    return base.resolve("engine.log");
  }

  /** The daemon's command line. */
  abstract List<String> command();

  /** How long a start may take. */
  Duration startTimeout() {
    return Duration.ofSeconds(60);
  }

  synchronized void start() {
    try {
      ProcessBuilder pb =
          new ProcessBuilder(command())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()));
      process = pb.start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start " + name(), e);
    }
    long deadline = System.nanoTime() + startTimeout().toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name() + " exited at start:\n" + tail());
      }
      if (ping()) {
        return;
      }
      sleep(50);
    }
    throw new IllegalStateException(name() + " did not answer /_ping in time:\n" + tail());
  }

  synchronized void stopProcess(boolean kill9) {
    if (process == null) {
      return;
    }
    if (kill9) {
      process.destroyForcibly();
    } else {
      process.destroy();
    }
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  @Override
  public void restart() {
    stopProcess(false);
    start();
  }

  @Override
  public void kill9AndRestart() {
    stopProcess(true);
    start();
  }

  /** Removes every container, stops the daemon and deletes its roots. */
  void shutdown() {
    try {
      if (process != null && process.isAlive()) {
        Cli.Result ids = docker("ps", "-aq");
        if (ids.ok() && !ids.outTrim().isEmpty()) {
          List<String> rm = new ArrayList<>(List.of("rm", "-f"));
          rm.addAll(List.of(ids.outTrim().split("\\s+")));
          docker(rm.toArray(String[]::new));
        }
      }
    } finally {
      stopProcess(false);
      afterStop();
      unmountUnder(base);
      deleteTree(base);
    }
  }

  /** Engine-specific clean-up after the daemon has stopped. */
  void afterStop() {}

  @Override
  public Map<String, String> cliEnv() {
    Map<String, String> env = new HashMap<>();
    env.put("DOCKER_HOST", host());
    env.put("DOCKER_CONFIG", configDir.toString());
    env.put("DOCKER_BUILDKIT", "0");
    env.put("DOCKER_CLI_HINTS", "false");
    return env;
  }

  @Override
  public Cli.Result docker(String... args) {
    return docker(Cli.DEFAULT_TIMEOUT, args);
  }

  @Override
  public Cli.Result docker(Duration timeout, String... args) {
    return Cli.run(Cli.concat(List.of(Cli.DOCKER), args), null, cliEnv(), timeout);
  }

  @Override
  public Cli.Result dockerIn(String stdin, String... args) {
    return Cli.run(Cli.concat(List.of(Cli.DOCKER), args), stdin, cliEnv(), Cli.DEFAULT_TIMEOUT);
  }

  /** A raw HTTP/1.1 GET /_ping over the socket. */
  boolean ping() {
    if (!Files.exists(socket())) {
      return false;
    }
    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      ch.connect(UnixDomainSocketAddress.of(socket()));
      ch.write(ByteBuffer.wrap("GET /_ping HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
      ByteBuffer buf = ByteBuffer.allocate(512);
      ch.read(buf);
      return new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII).startsWith("HTTP/1.1 200");
    } catch (IOException e) {
      return false;
    }
  }

  String tail() {
    return tail(40);
  }

  /** The last lines of the engine's log. */
  String tail(int count) {
    try {
      List<String> lines = Files.readAllLines(logFile());
      return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  static void unmountUnder(Path dir) {
    try {
      List<String> mounts = new ArrayList<>();
      for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
        String mountPoint = line.split(" ")[4];
        if (mountPoint.startsWith(dir.toString() + "/")) {
          mounts.add(mountPoint);
        }
      }
      mounts.sort(Comparator.comparing(String::length).reversed());
      for (String m : mounts) {
        Cli.run("umount", "-l", m);
      }
    } catch (IOException e) {
      // best effort
    }
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | java.io.UncheckedIOException e) {
      Cli.run("rm", "-rf", dir.toString());
    }
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return name();
  }
}
