package dev.berth.gateway.hosts;

import dev.berth.gateway.TestGateway;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.opentest4j.TestAbortedException;

/**
 * A container engine really started for tests: Debian's dockerd (the reference) or Berth's
 * engine, chosen by -Dberth.engine=dockerd|berth (default dockerd). Each gets its own
 * short temp dir and its own bridge, so it never touches another engine on the machine.
 * The image "busybox:latest" is imported from a busybox-static rootfs.
 */
public final class TestEngine implements AutoCloseable {

  public static final String BERTH_JAR = System.getProperty("berth.engineJar",
      Path.of(System.getProperty("user.dir")).resolveSibling("host-engine").resolve("target/host-engine.jar").toString());

  public final String kind;
  public final Path dir;
  public final String url;
  /** The same engine on tcp://127.0.0.1:port with mutual TLS (client material in dir/tls). */
  public final String tlsUrl;
  private final String bridge;
  private final Process process;

  private TestEngine(String kind, Path dir, String tlsUrl, String bridge, Process process) {
    this.kind = kind;
    this.dir = dir;
    this.url = "unix://" + dir.resolve("d.sock");
    this.tlsUrl = tlsUrl;
    this.bridge = bridge;
    this.process = process;
  }

  /** The engine chosen for this run; aborts (skips) Berth's when its jar is not built. */
  public static TestEngine start() throws Exception {
    String kind = System.getProperty("berth.engine", "dockerd");
    Path dir = Files.createTempDirectory(Path.of("/tmp"), "gh-");
    List<String> cmd = new ArrayList<>();
    String bridge = null;
    switch (kind) {
      case "dockerd" -> {
        bridge = "brgh" + ThreadLocalRandom.current().nextInt(10000, 99999);
        int net = ThreadLocalRandom.current().nextInt(1, 250);
        run("ip", "link", "add", bridge, "type", "bridge");
        run("ip", "addr", "add", "10.232." + net + ".1/24", "dev", bridge);
        run("ip", "link", "set", bridge, "up");
        cmd.addAll(List.of("dockerd", "-b", bridge, "--iptables=false", "--ip-masq=false"));
      }
      case "berth" -> {
        if (!Files.exists(Path.of(BERTH_JAR))) {
          throw new TestAbortedException("Berth engine jar not built: " + BERTH_JAR);
        }
        cmd.addAll(List.of("java", "-jar", BERTH_JAR));
      }
      default -> throw new IllegalArgumentException("berth.engine must be dockerd or berth, got " + kind);
    }
    Path tls = makeTlsMaterial(dir.resolve("tls"));
    String tlsUrl = "tcp://127.0.0.1:" + TestGateway.freePort();
    cmd.addAll(List.of("--host", tlsUrl, "--tlsverify", "--tlscacert", tls.resolve("ca.pem").toString(),
        "--tlscert", tls.resolve("server-cert.pem").toString(), "--tlskey", tls.resolve("server-key.pem").toString()));
    cmd.addAll(List.of("--host", "unix://" + dir.resolve("d.sock"), "--data-root", dir.resolve("root").toString(),
        "--exec-root", dir.resolve("exec").toString(), "--pidfile", dir.resolve("d.pid").toString()));
    Process process = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(dir.resolve("engine.log").toFile()).start();
    TestEngine engine = new TestEngine(kind, dir, tlsUrl, bridge, process);
    try {
      engine.awaitReady();
      engine.importBusybox();
    } catch (Exception e) {
      String log = Files.exists(dir.resolve("engine.log")) ? Files.readString(dir.resolve("engine.log")) : "";
      engine.close();
      throw new IllegalStateException(kind + " did not start: " + e.getMessage() + "\n" + tail(log), e);
    }
    return engine;
  }

  /** A CA, a server certificate for 127.0.0.1 and a client certificate, made with openssl. */
  private static Path makeTlsMaterial(Path tls) throws Exception {
    Files.createDirectories(tls);
    String d = tls.toString();
    run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", d + "/ca-key.pem", "-out", d + "/ca.pem",
        "-days", "2", "-subj", "/CN=gh-test-ca");
    for (String[] party : new String[][] {{"server", "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth"},
        {"client", "extendedKeyUsage=clientAuth"}}) {
      String name = party[0];
      Files.writeString(tls.resolve(name + ".ext"), party[1] + "\n");
      run("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", d + "/" + name + "-key.pem",
          "-out", d + "/" + name + ".csr", "-subj", "/CN=" + name);
      run("openssl", "x509", "-req", "-in", d + "/" + name + ".csr", "-CA", d + "/ca.pem", "-CAkey", d + "/ca-key.pem",
          "-CAcreateserial", "-out", d + "/" + name + "-cert.pem", "-days", "2", "-extfile", d + "/" + name + ".ext");
    }
    return tls;
  }

  /** PEM text of dir/tls/NAME.pem (ca, client-cert, client-key, server-cert ...). */
  public String pem(String name) throws IOException {
    return Files.readString(dir.resolve("tls").resolve(name + ".pem"));
  }

  private void awaitReady() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("engine exited with " + process.exitValue());
      }
      if (Files.exists(dir.resolve("d.sock")) && tryDocker("version").exitCode == 0) {
        return;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("engine not ready after 60 s");
  }

  private void importBusybox() throws Exception {
    Path rootfs = dir.resolve("rootfs");
    Files.createDirectories(rootfs.resolve("bin"));
    Files.createDirectories(rootfs.resolve("tmp"));
    Files.createDirectories(rootfs.resolve("etc"));
    Files.copy(Path.of("/bin/busybox"), rootfs.resolve("bin/busybox"));
    for (String applet : run("/bin/busybox", "--list").split("\n")) {
      if (!applet.isBlank() && !applet.equals("busybox")) {
        Files.createSymbolicLink(rootfs.resolve("bin").resolve(applet.trim()), Path.of("busybox"));
      }
    }
    run("tar", "-C", rootfs.toString(), "-cf", dir.resolve("rootfs.tar").toString(), ".");
    docker("import", "--change", "CMD [\"sh\"]", "--change", "ENV PATH=/bin", dir.resolve("rootfs.tar").toString(),
        "busybox:latest");
  }

  /** Runs the docker CLI against this engine; fails on a non-zero exit. */
  public String docker(String... args) throws Exception {
    Result r = tryDocker(args);
    if (r.exitCode != 0) {
      throw new IllegalStateException("docker " + String.join(" ", args) + " failed: " + r.output);
    }
    return r.output.trim();
  }

  public record Result(int exitCode, String output) {
  }

  public Result tryDocker(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("docker", "-H", url));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return new Result(-1, out + " (timed out)");
    }
    return new Result(p.exitValue(), out);
  }

  static String run(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
    }
    return out;
  }

  private static String tail(String log) {
    return log.length() > 3000 ? log.substring(log.length() - 3000) : log;
  }

  @Override
  public void close() {
    try {
      if (process.isAlive()) {
        Result ids = tryDocker("ps", "-aq");
        if (ids.exitCode == 0 && !ids.output.isBlank()) {
          List<String> rm = new ArrayList<>(List.of("rm", "-f"));
          rm.addAll(List.of(ids.output.trim().split("\\s+")));
          tryDocker(rm.toArray(String[]::new));
        }
        // dockerd leaves the bridges of user-defined networks behind when it stops
        tryDocker("network", "prune", "-f");
      }
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      if (bridge != null) {
        new ProcessBuilder("ip", "link", "del", bridge).start().waitFor();
      }
      // the engine unmounted its layers on exit; whatever is left is plain files
      new ProcessBuilder("rm", "-rf", "--one-file-system", dir.toString()).start().waitFor();
    } catch (Exception e) {
      System.err.println("could not clean up test engine in " + dir + ": " + e.getMessage());
    }
  }
}
