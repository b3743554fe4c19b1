package dev.berth.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine's validated configuration: built-in defaults (config/engine.yaml, shipped in the
 * jar), then an optional config file, then dockerd-style flags. {@link #validate()} rejects a
 * wrong setting with a message that names it.
 */
public final class EngineConfig {

  public List<String> hosts = new ArrayList<>();
  public Path dataRoot;
  public Path execRoot;
  public Path pidfile;
  public String logLevel = "info";
  public String group = "";
  public boolean tlsVerify;
  public Path tlsCaCert;
  public Path tlsCert;
  public Path tlsKey;
  public String runc = "runc";
  public String conmon = "conmon";
  public List<String> insecureRegistries = new ArrayList<>();

  public static EngineConfig defaults() {
    EngineConfig config = new EngineConfig();
    try (InputStream in =
        EngineConfig.class.getResourceAsStream("/dev/berth/engine/defaults/engine.yaml")) {
      if (in == null) {
        throw new IllegalStateException("built-in engine defaults are missing from the jar");
      }
      config.apply(new ObjectMapper(new YAMLFactory()).readTree(in));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read built-in engine defaults", e);
    }
    return config;
  }

  /** Applies a YAML config file on top of the current values. */
  public void applyFile(Path file) {
    try {
      apply(new ObjectMapper(new YAMLFactory()).readTree(Files.readAllBytes(file)));
    } catch (IOException e) {
      throw new ConfigException("config-file", "cannot read " + file + ": " + e.getMessage());
    }
  }

  private void apply(JsonNode node) {
    if (node == null || node.isNull()) {
      return;
    }
    if (node.has("hosts")) {
      hosts = new ArrayList<>();
      node.get("hosts").forEach(h -> hosts.add(h.asText()));
    }
    if (node.has("data-root")) {
      dataRoot = Path.of(node.get("data-root").asText());
    }
    if (node.has("exec-root")) {
      execRoot = Path.of(node.get("exec-root").asText());
    }
    if (node.has("pidfile")) {
      pidfile = Path.of(node.get("pidfile").asText());
    }
    if (node.has("log-level")) {
      logLevel = node.get("log-level").asText();
    }
    if (node.has("group")) {
      group = node.get("group").asText();
    }
    JsonNode runtime = node.get("runtime");
    if (runtime != null) {
      if (runtime.has("runc")) {
        runc = runtime.get("runc").asText();
      }
      if (runtime.has("conmon")) {
        conmon = runtime.get("conmon").asText();
      }
    }
    if (node.has("insecure-registries")) {
      insecureRegistries = new ArrayList<>();
      node.get("insecure-registries").forEach(r -> insecureRegistries.add(r.asText()));
    }
    JsonNode tls = node.get("tls");
    if (tls != null) {
      tlsVerify = tls.path("verify").asBoolean(false);
      if (tls.has("cacert")) {
        tlsCaCert = Path.of(tls.get("cacert").asText());
      }
      if (tls.has("cert")) {
        tlsCert = Path.of(tls.get("cert").asText());
      }
      if (tls.has("key")) {
        tlsKey = Path.of(tls.get("key").asText());
      }
    }
  }

  /** Parses dockerd's flags on top of defaults (and of --config-file, which is read first). */
  public static EngineConfig fromArgs(String[] args) {
    EngineConfig config = defaults();
    Flags flags = Flags.parse(args);
    flags.value("config-file").ifPresent(f -> config.applyFile(Path.of(f)));
    List<String> hosts = flags.values("host");
    if (!hosts.isEmpty()) {
      config.hosts = new ArrayList<>(hosts);
    }
    flags.value("data-root").ifPresent(v -> config.dataRoot = Path.of(v));
    flags.value("exec-root").ifPresent(v -> config.execRoot = Path.of(v));
    flags.value("pidfile").ifPresent(v -> config.pidfile = Path.of(v));
    flags.value("log-level").ifPresent(v -> config.logLevel = v);
    flags.value("group").ifPresent(v -> config.group = v);
    flags.value("tlsverify").ifPresent(v -> config.tlsVerify = !v.equals("false"));
    flags.value("tlscacert").ifPresent(v -> config.tlsCaCert = Path.of(v));
    flags.value("tlscert").ifPresent(v -> config.tlsCert = Path.of(v));
    flags.value("tlskey").ifPresent(v -> config.tlsKey = Path.of(v));
    flags.value("runc").ifPresent(v -> config.runc = v);
    flags.value("conmon").ifPresent(v -> config.conmon = v);
    List<String> insecure = flags.values("insecure-registry");
    if (!insecure.isEmpty()) {
      config.insecureRegistries.addAll(insecure);
    }
    config.validate();
    return config;
  }

  public void validate() {
    if (hosts.isEmpty()) {
      throw new ConfigException("host", "at least one --host is required");
    }
    for (String host : hosts) {
      if (host.startsWith("unix://")) {
        if (host.length() <= "unix://".length()) {
          throw new ConfigException("host", "unix socket path is empty in " + host);
        }
      } else if (host.startsWith("tcp://")) {
        if (!tlsVerify || tlsCaCert == null || tlsCert == null || tlsKey == null) {
          throw new ConfigException(
              "host",
              host
                  + " listens on TCP, which needs --tlsverify with --tlscacert, --tlscert and"
                  + " --tlskey: Berth never opens an unauthenticated TCP port");
        }
        for (Path p : List.of(tlsCaCert, tlsCert, tlsKey)) {
          if (!Files.isReadable(p)) {
            throw new ConfigException("tls", "cannot read " + p);
          }
        }
      } else {
        throw new ConfigException("host", "unsupported address " + host + " (use unix:// or tcp://)");
      }
    }
    if (dataRoot == null || !dataRoot.isAbsolute()) {
      throw new ConfigException("data-root", "must be an absolute path, got " + dataRoot);
    }
    if (execRoot == null || !execRoot.isAbsolute()) {
      throw new ConfigException("exec-root", "must be an absolute path, got " + execRoot);
    }
    if (!List.of("debug", "info", "warn", "error", "fatal").contains(logLevel)) {
      throw new ConfigException("log-level", "must be one of debug, info, warn, error, fatal");
    }
  }

  /** A wrong setting: the message names it, and the daemon exits before it listens. */
  public static final class ConfigException extends RuntimeException {
    public ConfigException(String setting, String message) {
      super("invalid setting '" + setting + "': " + message);
    }
  }
}
