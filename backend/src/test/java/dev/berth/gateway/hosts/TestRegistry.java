package dev.berth.gateway.hosts;

import dev.berth.gateway.TestGateway;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The CNCF distribution registry (Debian's docker-registry) on a free loopback port. */
public final class TestRegistry implements AutoCloseable {

  public final String address;
  private final Path dir;
  private final Process process;

  private TestRegistry(String address, Path dir, Process process) {
    this.address = address;
    this.dir = dir;
    this.process = process;
  }

  public static TestRegistry start() throws Exception {
    Path dir = Files.createTempDirectory(Path.of("/tmp"), "gh-reg-");
    int port = TestGateway.freePort();
    Files.writeString(dir.resolve("config.yml"), """
        version: 0.1
        storage:
          filesystem:
            rootdirectory: %s
          delete:
            enabled: true
        http:
          addr: 127.0.0.1:%d
        """.formatted(dir.resolve("data"), port));
    Process process = new ProcessBuilder("docker-registry", "serve", dir.resolve("config.yml").toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
    String address = "127.0.0.1:" + port;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      try {
        HttpURLConnection c = (HttpURLConnection) URI.create("http://" + address + "/v2/").toURL().openConnection();
        if (c.getResponseCode() == 200) {
          return new TestRegistry(address, dir, process);
        }
      } catch (java.io.IOException notYet) {
        Thread.sleep(100);
      }
    }
    process.destroyForcibly();
    throw new IllegalStateException("registry did not start: " + Files.readString(dir.resolve("registry.log")));
  }

  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(3, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
    new ProcessBuilder("rm", "-rf", dir.toString()).start().waitFor();
  }
}
