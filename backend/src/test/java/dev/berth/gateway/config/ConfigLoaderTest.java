package dev.berth.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir
  Path dir;

  private static GatewayConfig load(Map<String, String> env, String... args) {
    return new ConfigLoader(env).load(args);
  }

  private static String failure(Map<String, String> env, String... args) {
    return assertThrows(ConfigException.class, () -> load(env, args)).getMessage();
  }

  @Test
  void defaults() {
    GatewayConfig config = load(Map.of());
    assertEquals("127.0.0.1", config.listenHost());
    assertEquals(8080, config.listenPort());
    assertEquals(Path.of("/var/lib/berth-gateway"), config.dataDir());
    assertEquals(Duration.ofHours(12), config.jwtLifetime());
    assertEquals(10, config.minPasswordLength());
    assertEquals(1024 * 1024, config.bodyLimit());
    assertEquals(List.of(new GatewayConfig.HostSeed("local", "unix:///run/berth/berth.sock")), config.hosts());
    assertTrue(config.isLoopback());
    assertFalse(config.usesTls());
    assertTrue(config.database().jdbcUrl().startsWith("jdbc:h2:file:/var/lib/berth-gateway/gateway"));
    assertNull(config.adminPasswordFile());
  }

  @Test
  void fileThenEnvironmentThenFlags() throws Exception {
    Path file = dir.resolve("gateway.yaml");
    Files.writeString(file, """
        listen:
          host: 0.0.0.0
          port: 9000
        auth:
          jwtLifetime: 30m
          loginThrottle:
            maxFailures: 7
        hosts:
          - id: a
            url: tcp://127.0.0.1:2375
          - id: b
            url: unix:///tmp/b.sock
        """);
    GatewayConfig fromFile = load(Map.of(), "--config", file.toString());
    assertEquals("0.0.0.0", fromFile.listenHost());
    assertEquals(9000, fromFile.listenPort());
    assertEquals(Duration.ofMinutes(30), fromFile.jwtLifetime());
    assertEquals(7, fromFile.loginMaxFailures());
    assertEquals(2, fromFile.hosts().size());
    assertTrue(fromFile.usesTls(), "non-loopback without allowPlainHttp means TLS");

    GatewayConfig withEnv = load(Map.of("BERTH_CONFIG", file.toString(), "BERTH_LISTEN_PORT", "9100",
        "BERTH_HOSTS", "x=tcp://127.0.0.1:1"));
    assertEquals(9100, withEnv.listenPort());
    assertEquals(List.of(new GatewayConfig.HostSeed("x", "tcp://127.0.0.1:1")), withEnv.hosts());

    GatewayConfig withFlags = load(Map.of("BERTH_LISTEN_PORT", "9100"), "--config", file.toString(),
        "--listen-port=9200", "--allow-plain-http", "--body-limit", "512k", "--hosts=");
    assertEquals(9200, withFlags.listenPort());
    assertTrue(withFlags.allowPlainHttp());
    assertFalse(withFlags.usesTls());
    assertEquals(512 * 1024, withFlags.bodyLimit());
    assertTrue(withFlags.hosts().isEmpty());
  }

  @Test
  void wrongValuesNameTheSetting() {
    assertEquals("setting listen.port (BERTH_LISTEN_PORT, --listen-port) must be a whole number from 0 to 65535, got 'http'",
        failure(Map.of("BERTH_LISTEN_PORT", "http")));
    assertTrue(failure(Map.of(), "--jwt-lifetime", "forever").startsWith("setting auth.jwtLifetime"));
    assertTrue(failure(Map.of(), "--min-password-length", "4").startsWith("setting auth.minPasswordLength"));
    assertTrue(failure(Map.of(), "--body-limit", "lots").startsWith("setting http.bodyLimit"));
    assertTrue(failure(Map.of(), "--allow-plain-http=maybe").startsWith("setting tls.allowPlainHttp"));
    assertTrue(failure(Map.of(), "--db-url", "mysql://x").startsWith("setting db.url"));
    assertTrue(failure(Map.of(), "--hosts", "Local=unix:///x").contains("host id 'Local'"));
    assertTrue(failure(Map.of(), "--hosts", "a=http://x").contains("url must be unix:///path or tcp://addr:port"));
    assertTrue(failure(Map.of(), "--hosts", "a=unix:///x,a=unix:///y").contains("appears twice"));
    assertTrue(failure(Map.of(), "--admin-password-file", "/nonexistent/pw").startsWith("setting adminPasswordFile"));
    assertTrue(failure(Map.of(), "--listen-prot", "1").startsWith("unknown flag --listen-prot"));
    assertTrue(failure(Map.of(), "stray").startsWith("unexpected argument 'stray'"));
  }

  @Test
  void tlsPairMustBeComplete() throws Exception {
    Path cert = Files.writeString(dir.resolve("c.pem"), "x");
    assertEquals("setting tls.key (BERTH_TLS_KEY, --tls-key) is required when tls.cert is set (PEM private key file)",
        failure(Map.of(), "--tls-cert", cert.toString()));
    assertTrue(failure(Map.of(), "--tls-cert", dir.resolve("missing.pem").toString())
        .startsWith("setting tls.cert (BERTH_TLS_CERT, --tls-cert) names a file that does not exist"));
  }

  @Test
  void unknownKeysInTheFileAreRejected() throws Exception {
    Path file = Files.writeString(dir.resolve("g.yaml"), "listen:\n  hots: 0.0.0.0\n");
    String message = failure(Map.of(), "--config", file.toString());
    assertTrue(message.startsWith("unknown setting 'listen.hots' in " + file), message);
    Path list = Files.writeString(dir.resolve("h.yaml"), "hosts:\n  - id: a\n");
    assertTrue(failure(Map.of(), "--config", list.toString()).contains("each entry needs exactly 'id' and 'url'"));
    assertTrue(failure(Map.of(), "--config", dir.resolve("none.yaml").toString()).contains("cannot be read"));
  }

  @Test
  void theShippedConfigFileIsValid() {
    Path shipped = Path.of("..", "config", "gateway.yaml");
    GatewayConfig config = load(Map.of(), "--config", shipped.toString());
    assertEquals(load(Map.of()), config, "config/gateway.yaml states the built-in defaults");
  }
}
