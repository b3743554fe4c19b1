package dev.berth.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The shaded jar as people run it: config errors, scripted admin setup, the UI, and idle memory. */
class GatewayJarIT {
  private static final String JAR = System.getProperty("berth.gatewayJar");
  private static final String JVM_OPTIONS = System.getProperty("berth.jvmOptions");

  private static ProcessBuilder gateway(String... args) {
    List<String> command = new java.util.ArrayList<>(List.of("java", "@" + JVM_OPTIONS, "-jar", JAR));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true);
  }

  @Test
  void aWrongSettingStopsTheStartWithAMessageNamingIt() throws Exception {
    Process process = gateway("--listen-port", "eighty").start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    assertEquals(2, process.exitValue());
    assertTrue(output.contains("setting listen.port (BERTH_LISTEN_PORT, --listen-port) must be a whole number"), output);
  }

  @Test
  void startsWithAnAdminFromAPasswordFileServesTheUiAndIdlesSmall() throws Exception {
    Path dir = Files.createTempDirectory("gw-jar-");
    Path passwordFile = Files.writeString(dir.resolve("admin.pw"), "scripted admin pw\n");
    int port = TestGateway.freePort();
    Process process = gateway("--data-dir", dir.resolve("data").toString(), "--listen-port", String.valueOf(port),
        "--hosts=", "--admin-password-file", passwordFile.toString()).start();
    try {
      BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String line;
      StringBuilder seen = new StringBuilder();
      while ((line = lines.readLine()) != null && !line.startsWith("berth-gateway listening on")) {
        seen.append(line).append('\n');
      }
      assertEquals("berth-gateway listening on http://127.0.0.1:" + port, line, seen.toString());
      Thread drain = new Thread(() -> lines.lines().forEach(l -> { }));
      drain.setDaemon(true);
      drain.start();

      HttpClient client = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + port;
      HttpResponse<String> status = client.send(HttpRequest.newBuilder(URI.create(base + "/api/status")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(false, new JsonObject(status.body()).getBoolean("setupRequired"));
      HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create(base + "/api/auth/login"))
          .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"scripted admin pw\"}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, login.statusCode(), login.body());
      HttpResponse<String> ui = client.send(HttpRequest.newBuilder(URI.create(base + "/")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, ui.statusCode());
      assertTrue(ui.body().contains("<div id=\"app\">") || ui.body().contains("id=\"app\""), "the packaged UI");

      Thread.sleep(3000);
      long rssKb = Files.readAllLines(Path.of("/proc/" + process.pid() + "/status")).stream()
          .filter(l -> l.startsWith("VmRSS:")).map(l -> l.replaceAll("\\D", "")).mapToLong(Long::parseLong)
          .findFirst().orElseThrow();
      System.out.println("gateway idle RSS: " + rssKb / 1024 + " MB");
      assertTrue(rssKb <= 256 * 1024, "idle RSS " + rssKb / 1024 + " MB exceeds 256 MB");
    } finally {
      process.destroy();
      process.waitFor(20, TimeUnit.SECONDS);
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
