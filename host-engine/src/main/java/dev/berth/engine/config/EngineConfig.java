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
  /** The default bridge network's device (--bridge / -b) and gateway address with prefix (--bip). */
  public String bridge = "berth0";
  public String bip = "10.88.0.1/16";
  /** Where user networks without --subnet get theirs (--default-address-pool base=...,size=...). */
  public String poolBase = "10.89.0.0/16";
  public int poolSize = 24;
  /** "" for the built-in profile, "unconfined" for none, or a Docker-format profile file (dockerd's --seccomp-profile). */
  public String seccompProfile = "";

  /** Published TCP ports through the engine's proxy (true) or the DNAT only (--userland-proxy). */
  public boolean userlandProxy = false;

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
    if (node.has("seccomp-profile")) {
      seccompProfile = node.get("seccomp-profile").asText();
    }
    JsonNode network = node.get("network");
    if (network != null) {
      bridge = network.path("bridge").asText(bridge);
      bip = network.path("bip").asText(bip);
      userlandProxy = network.path("userland-proxy").asBoolean(userlandProxy);
      JsonNode pool = network.get("default-address-pool");
      if (pool != null) {
        poolBase = pool.path("base").asText(poolBase);
        poolSize = pool.path("size").asInt(poolSize);
      }
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
    flags.value("seccomp-profile").ifPresent(v -> config.seccompProfile = v);
    flags.value("bridge").ifPresent(v -> config.bridge = v);
    flags.value("bip").ifPresent(v -> config.bip = v);
    flags.value("default-address-pool").ifPresent(config::applyPool);
    flags.value("userland-proxy").ifPresent(v -> config.userlandProxy = !v.equals("false"));
    List<String> insecure = flags.values("insecure-registry");
    if (!insecure.isEmpty()) {
      config.insecureRegistries.addAll(insecure);
    }
    config.validate();
    return config;
  }

  /** dockerd's form: base=10.89.0.0/16,size=24. */
  private void applyPool(String value) {
    for (String part : value.split(",")) {
      String[] kv = part.split("=", 2);
      if (kv.length != 2) {
        throw new ConfigException("default-address-pool", "expected base=CIDR,size=N, got " + value);
      }
      switch (kv[0].strip()) {
        case "base" -> poolBase = kv[1].strip();
        case "size" -> {
          try {
            poolSize = Integer.parseInt(kv[1].strip());
          } catch (NumberFormatException e) {
            throw new ConfigException("default-address-pool", "size must be a number, got " + kv[1]);
          }
        }
        default -> throw new ConfigException("default-address-pool", "unknown key " + kv[0]);
      }
    }
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
    if (!bridge.matches("[a-zA-Z0-9_.-]{1,15}")) {
      throw new ConfigException("bridge", "must be a device name of 1 to 15 letters, digits, '_', '.' or '-', got " + bridge);
    }
    if (!bip.matches("\\d+\\.\\d+\\.\\d+\\.\\d+/\\d+")) {
      throw new ConfigException("bip", "must be an IPv4 address with a prefix length such as 10.88.0.1/16, got " + bip);
    }
    if (!poolBase.matches("\\d+\\.\\d+\\.\\d+\\.\\d+/\\d+") || poolSize < 8 || poolSize > 30
        || poolSize < Integer.parseInt(poolBase.substring(poolBase.indexOf('/') + 1))) {
      throw new ConfigException("default-address-pool", "needs base=<IPv4 CIDR> and a size (8-30) not shorter than the base's prefix");
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
