package dev.berth.engine.it.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.it.Cli;
import dev.berth.engine.it.TestEngine;
import dev.berth.engine.it.TestImages;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * docker-compose 1.29 (Python, docker-py: another client of the Engine API than the CLI) runs
 * a two-service project the same on both engines: a user network where one service reaches
 * the other by name, a named volume, a published port, environment, scale, logs and down -v.
 * (Shells as PID 1 ignore SIGTERM: a short grace period keeps stops quick.)
 */
class ComposeIT {

  private static Cli.Result compose(TestEngine e, Path dir, String project, String... args) {
    List<String> cmd = new ArrayList<>(List.of("docker-compose", "--no-ansi", "-p", project,
        "-f", dir.resolve("docker-compose.yml").toString()));
    cmd.addAll(List.of(args));
    return Cli.run(cmd, null, e.cliEnv(), Duration.ofSeconds(120));
  }

  private static Cli.Result ok(Cli.Result r) {
    assertTrue(r.ok(), r::toString);
    return r;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void aProjectComesUpTalksScalesAndGoesAwayClean(TestEngine e) throws Exception {
    String img = TestImages.busybox(e);
    String project = "it" + UUID.randomUUID().toString().substring(0, 8);
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path dir = Files.createTempDirectory(Path.of("/tmp"), "it-compose-");
    Files.writeString(dir.resolve("docker-compose.yml"), String.join("\n",
        "version: \"3.8\"",
        "services:",
        "  web:",
        "    image: " + img,
        "    stop_grace_period: 1s",
        "    command: sh -c 'mkdir -p /www && cat /data/seed > /www/index.html && exec httpd -f -p 80 -h /www'",
        "    ports: [\"127.0.0.1:" + port + ":80\"]",
        "    volumes: [\"data:/data\"]",
        "    networks: [back]",
        "    depends_on: [seed]",
        "  seed:",
        "    image: " + img,
        "    stop_grace_period: 1s",
        "    command: sh -c 'echo hello-from-web > /data/seed'",
        "    volumes: [\"data:/data\"]",
        "  client:",
        "    image: " + img,
        "    stop_grace_period: 1s",
        "    command: sh -c 'while true; do wget -qO- http://web/ > /tmp/last 2>&1; sleep 0.5; done'",
        "    environment: {GREETING: hi}",
        "    depends_on: [web]",
        "    networks: {back: {aliases: [cli]}}",
        "volumes: {data: {}}",
        "networks: {back: {}}",
        ""));
    try {
      ok(compose(e, dir, project, "up", "-d"));
      String ps = ok(compose(e, dir, project, "ps")).out();
      assertTrue(ps.contains(project + "_web_1") && ps.contains("127.0.0.1:" + port + "->80/tcp"), ps);
      String page = "";
      for (int i = 0; i < 50 && !page.contains("hello-from-web"); i++) {
        page = Cli.run("curl", "-s", "http://127.0.0.1:" + port + "/").out();
        Thread.sleep(200);
      }
      assertEquals("hello-from-web", page.strip(), "the published port serves the volume's content");
      String seen = "";
      for (int i = 0; i < 50 && !seen.contains("hello-from-web"); i++) {
        seen = compose(e, dir, project, "exec", "-T", "client", "sh", "-c", "cat /tmp/last; echo $GREETING").out();
        Thread.sleep(200);
      }
      assertTrue(seen.contains("hello-from-web") && seen.contains("hi"), "the client reaches web by name: " + seen);

      ok(compose(e, dir, project, "up", "-d", "--scale", "client=2"));
      assertEquals(2, ok(compose(e, dir, project, "ps", "-q", "client")).outTrim().lines().count());
      ok(compose(e, dir, project, "restart", "web"));
      String logs = ok(compose(e, dir, project, "logs", "--no-color", "seed")).out();
      assertTrue(logs.contains(project + "_seed_1"), logs);
    } finally {
      Cli.Result down = compose(e, dir, project, "down", "-v");
      Cli.run("rm", "-rf", dir.toString());
      assertTrue(down.ok(), down::toString);
    }
    assertFalse(e.docker("ps", "-a", "--format", "{{.Names}}").out().contains(project), "no container left");
    assertFalse(e.docker("network", "ls", "--format", "{{.Name}}").out().contains(project), "no network left");
    assertFalse(e.docker("volume", "ls", "--format", "{{.Name}}").out().contains(project), "no volume left");
  }
}
