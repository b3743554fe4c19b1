package dev.berth.engine.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Facts about the host, read once at start for /version and /info. */
record HostFacts(
    String kernel, String machine, String hostname, String operatingSystem, long memTotal, String cgroupVersion,
    String runcVersion) {

  static HostFacts read(String runc) {
    return new HostFacts(
        readTrim("/proc/sys/kernel/osrelease", System.getProperty("os.version")),
        System.getProperty("os.arch").equals("amd64") ? "x86_64" : System.getProperty("os.arch"),
        readTrim("/proc/sys/kernel/hostname", "localhost"),
        prettyName(),
        readMemTotal(),
        Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers")) ? "2" : "1",
        runcVersion(runc));
  }

  String arch() {
    return machine.equals("x86_64") ? "amd64" : machine;
  }

  private static String runcVersion(String runc) {
    try {
      Process p = new ProcessBuilder(runc, "--version").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      p.waitFor(5, TimeUnit.SECONDS);
      String first = out.lines().findFirst().orElse("");
      return first.replaceFirst("^runc version\\s*", "");
    } catch (IOException e) {
      return "unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }

  private static String readTrim(String path, String fallback) {
    try {
      return Files.readString(Path.of(path)).trim();
    } catch (IOException e) {
      return fallback;
    }
  }

  private static String prettyName() {
    try {
      for (String line : Files.readAllLines(Path.of("/etc/os-release"))) {
        if (line.startsWith("PRETTY_NAME=")) {
          return line.substring("PRETTY_NAME=".length()).replace("\"", "");
        }
      }
    } catch (IOException e) {
      // fall through
    }
    return "Linux";
  }

  private static long readMemTotal() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // fall through
    }
    return 0;
  }
}
