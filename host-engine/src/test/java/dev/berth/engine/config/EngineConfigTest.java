package dev.berth.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineConfigTest {

  @Test
  void defaultsComeFromTheShippedConfig() {
    EngineConfig c = EngineConfig.fromArgs(new String[0]);
    assertEquals(List.of("unix:///run/berth/berth.sock"), c.hosts);
    assertEquals(Path.of("/var/lib/berth"), c.dataRoot);
    assertEquals(Path.of("/run/berth"), c.execRoot);
  }

  @Test
  void dockerdFlagsInEverySpelling() {
    EngineConfig c =
        EngineConfig.fromArgs(
            new String[] {
              "-H", "unix:///tmp/a.sock", "--host=unix:///tmp/b.sock", "--data-root", "/d",
              "--exec-root=/e", "--pidfile", "/p", "--log-level", "debug",
              "--insecure-registry", "10.0.0.1:5000"
            });
    assertEquals(List.of("unix:///tmp/a.sock", "unix:///tmp/b.sock"), c.hosts);
    assertEquals(Path.of("/d"), c.dataRoot);
    assertEquals(Path.of("/e"), c.execRoot);
    assertEquals(Path.of("/p"), c.pidfile);
    assertEquals("debug", c.logLevel);
    assertTrue(c.insecureRegistries.contains("10.0.0.1:5000"));
  }

  @Test
  void tcpWithoutTlsIsRefused() {
    var e =
        assertThrows(
            EngineConfig.ConfigException.class,
            () -> EngineConfig.fromArgs(new String[] {"-H", "tcp://127.0.0.1:2375"}));
    assertTrue(e.getMessage().contains("'host'"), e.getMessage());
    assertTrue(e.getMessage().contains("--tlsverify"), e.getMessage());
  }

  @Test
  void wrongSettingsNameTheSetting() {
    assertTrue(
        assertThrows(EngineConfig.ConfigException.class, () -> EngineConfig.fromArgs(new String[] {"--data-root", "rel"}))
            .getMessage()
            .contains("'data-root'"));
    assertTrue(
        assertThrows(EngineConfig.ConfigException.class, () -> EngineConfig.fromArgs(new String[] {"--log-level", "loud"}))
            .getMessage()
            .contains("'log-level'"));
    assertTrue(
        assertThrows(EngineConfig.ConfigException.class, () -> EngineConfig.fromArgs(new String[] {"--bogus", "x"}))
            .getMessage()
            .contains("'bogus'"));
    assertTrue(
        assertThrows(EngineConfig.ConfigException.class, () -> EngineConfig.fromArgs(new String[] {"-H", "http://x"}))
            .getMessage()
            .contains("unsupported address"));
  }
}
