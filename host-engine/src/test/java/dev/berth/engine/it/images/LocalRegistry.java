package dev.berth.engine.it.images;

import dev.berth.engine.it.Cli;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Debian's docker-registry (CNCF distribution 2.8) on 127.0.0.1, a free port and a temp root. */
final class LocalRegistry implements AutoCloseable {

  private final Path dir;
  private final Process process;
  final String address;

  LocalRegistry() throws IOException, InterruptedException {
    this(null);
  }

  /** @param htpasswd a "user:bcrypt-hash" line for basic authentication, or null for none */
  LocalRegistry(String htpasswd) throws IOException, InterruptedException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    address = "127.0.0.1:" + port;
    dir = Files.createTempDirectory(Path.of("/tmp"), "it-reg-");
    Path config = dir.resolve("config.yml");
    String auth = "";
    if (htpasswd != null) {
      Files.writeString(dir.resolve("htpasswd"), htpasswd + "\n");
      auth = "auth:\n  htpasswd:\n    realm: it\n    path: " + dir.resolve("htpasswd") + "\n";
    }
    Files.writeString(config, auth + String.join("\n",
        "version: 0.1",
        "log:",
        "  level: warn",
        "storage:",
        "  filesystem:",
        "    rootdirectory: " + dir.resolve("data"),
        "  delete:",
        "    enabled: true",
        "http:",
        "  addr: " + address,
        ""));
    process = new ProcessBuilder("/usr/bin/docker-registry", "serve", config.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("log").toFile()).start();
    for (int i = 0; i < 100; i++) {
      if (Cli.run("curl", "-s", "-o", "/dev/null", "http://" + address + "/v2/").ok()) {
        return;
      }
      if (!process.isAlive()) {
        break;
      }
      Thread.sleep(100);
    }
    close();
    throw new IllegalStateException("docker-registry did not start: " + Files.readString(dir.resolve("log")));
  }

  /** Where the registry keeps a blob's bytes (distribution's filesystem storage layout). */
  Path blobData(String digest) {
    String hex = digest.substring(digest.indexOf(':') + 1);
    return dir.resolve("data/docker/registry/v2/blobs/sha256/" + hex.substring(0, 2) + "/" + hex + "/data");
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Cli.run("rm", "-rf", dir.toString());
  }
}
