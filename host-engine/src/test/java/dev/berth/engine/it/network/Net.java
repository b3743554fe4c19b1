package dev.berth.engine.it.network;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.it.Cli;
import dev.berth.engine.it.TestEngine;
import dev.berth.engine.it.TestImages;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/** Helpers of the network tests: names, free ports, HTTP on 127.0.0.1, and leak checks. */
final class Net {

  private static final AtomicInteger SEQ = new AtomicInteger();

  private Net() {}

  static String name(String prefix) {
    return prefix + "-" + ProcessHandle.current().pid() + "-" + SEQ.incrementAndGet();
  }

  static String image(TestEngine e) {
    return TestImages.busybox(e);
  }

  static Cli.Result ok(TestEngine e, String... args) {
    Cli.Result r = e.docker(args);
    assertTrue(r.ok(), r::toString);
    return r;
  }

  static Cli.Result fails(TestEngine e, String expected, String... args) {
    Cli.Result r = e.docker(args);
    assertFalse(r.ok(), r::toString);
    assertTrue(r.err().contains(expected), () -> "expected '" + expected + "' in: " + r);
    return r;
  }

  static String inspect(TestEngine e, String ref, String format) {
    return ok(e, "inspect", "--format", format, ref).outTrim();
  }

  /** A port nobody listens on right now. */
  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A /24 of 10.199.x.0 that tests use for explicit subnets. */
  static String randomSubnet() {
    return "10.199." + ThreadLocalRandom.current().nextInt(1, 254) + ".0/24";
  }

  /** A shell command: busybox httpd serving the text on port 80 inside the container. */
  static String httpd(String text) {
    return "mkdir -p /www && echo " + text + " > /www/index.html && exec httpd -f -p 80 -h /www";
  }

  /** GET http://127.0.0.1:port/index.html, retried while the server starts; null when nothing answers. */
  static String get(int port) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/index.html"))
        .timeout(Duration.ofSeconds(3)).build();
    for (int i = 0; i < 20; i++) {
      try {
        HttpResponse<String> r = client.send(req, HttpResponse.BodyHandlers.ofString());
        return r.body().strip();
      } catch (IOException e) {
        sleep(150);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
    return null;
  }

  /** True when the host port can be bound again: nothing of the engine holds it. */
  static boolean portFree(int port) {
    for (int i = 0; i < 20; i++) {
      try (ServerSocket s = new ServerSocket()) {
        s.bind(new InetSocketAddress("0.0.0.0", port));
        return true;
      } catch (IOException e) {
        sleep(100); // docker-proxy exits asynchronously on dockerd
      }
    }
    return false;
  }

  /**
   * Nothing of a container's networking is left: no iptables rule names the port, no mount names
   * the container, and on Berth no netns of it under the exec root.
   */
  static void assertNothingLeft(TestEngine e, String containerId, int port) {
    // both engines release in the background (dockerd's docker-proxy, Berth's netavark teardown)
    String rules = "";
    for (int i = 0; i < 30; i++) {
      rules = Cli.must("iptables-save").out();
      if (!rules.contains("--dport " + port + " ") && !rules.contains(containerId)
          && !(e.isBerth() && Files.exists(e.execRoot().resolve("net").resolve(containerId)))) {
        break;
      }
      sleep(100);
    }
    String finalRules = rules;
    assertFalse(finalRules.contains("--dport " + port + " "), () -> "iptables rule for port " + port + " left:\n" + finalRules);
    assertFalse(finalRules.contains(containerId), () -> "iptables rule for " + containerId + " left:\n" + finalRules);
    try {
      String mounts = Files.readString(Path.of("/proc/self/mountinfo"));
      assertFalse(mounts.contains(containerId), () -> "mount of " + containerId + " left");
    } catch (IOException ex) {
      throw new IllegalStateException(ex);
    }
    if (e.isBerth()) {
      assertFalse(Files.exists(e.execRoot().resolve("net").resolve(containerId)), "netns of " + containerId + " left");
    }
    assertTrue(portFree(port), "port " + port + " still held");
  }

  static void assertNoBridge(String bridge) {
    String links = Cli.must("ip", "-o", "link").out();
    assertFalse(links.contains(" " + bridge + ":") || links.contains(" " + bridge + "@"), () -> bridge + " left:\n" + links);
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
