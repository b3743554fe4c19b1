package dev.berth.gateway.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns the merged text values into a validated {@link GatewayConfig}. */
final class SettingParser {
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(b|k|kb|kib|m|mb|mib)?");
  private static final Pattern HOST_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
  private static final Pattern TCP_URL = Pattern.compile("tcp://[^/:\\s]+:\\d{1,5}");

  private final Map<String, String> values;

  private SettingParser(Map<String, String> values) {
    this.values = values;
  }

  static GatewayConfig parse(Map<String, String> values) {
    return new SettingParser(values).build();
  }

  private GatewayConfig build() {
    String listenHost = text(Setting.LISTEN_HOST);
    if (listenHost.isEmpty()) {
      throw fail(Setting.LISTEN_HOST, "must be an address such as 127.0.0.1 or 0.0.0.0");
    }
    Path cert = optionalFile(Setting.TLS_CERT);
    Path key = optionalFile(Setting.TLS_KEY);
    if (cert != null && key == null) {
      throw fail(Setting.TLS_KEY, "is required when tls.cert is set (PEM private key file)");
    }
    if (key != null && cert == null) {
      throw fail(Setting.TLS_CERT, "is required when tls.key is set (PEM certificate file)");
    }
    String dbUrl = text(Setting.DB_URL);
    if (!dbUrl.isEmpty() && !dbUrl.startsWith("jdbc:postgresql:") && !dbUrl.startsWith("jdbc:h2:")) {
      throw fail(Setting.DB_URL, "must be a jdbc:postgresql: or jdbc:h2: URL, or empty for the embedded H2 store");
    }
    String dataDir = text(Setting.DATA_DIR);
    if (dataDir.isEmpty()) {
      throw fail(Setting.DATA_DIR, "must be a directory path");
    }
    return new GatewayConfig(
        listenHost,
        integer(Setting.LISTEN_PORT, 0, 65535),
        cert,
        key,
        bool(Setting.ALLOW_PLAIN_HTTP),
        Path.of(dataDir).toAbsolutePath(),
        dbUrl,
        text(Setting.DB_USER),
        text(Setting.DB_PASSWORD),
        integer(Setting.DB_MAX_POOL_SIZE, 1, 64),
        duration(Setting.JWT_LIFETIME, Duration.ofMinutes(1), Duration.ofDays(30)),
        integer(Setting.MIN_PASSWORD_LENGTH, 8, 128),
        integer(Setting.LOGIN_MAX_FAILURES, 1, 1000),
        duration(Setting.LOGIN_WINDOW, Duration.ofSeconds(1), Duration.ofDays(1)),
        duration(Setting.LOGIN_LOCKOUT, Duration.ofSeconds(1), Duration.ofDays(1)),
        size(Setting.BODY_LIMIT, 1024, 1L << 30),
        hosts(),
        optionalFile(Setting.ADMIN_PASSWORD_FILE),
        duration(Setting.LIVE_HEARTBEAT, Duration.ofSeconds(1), Duration.ofMinutes(10)),
        duration(Setting.TERMINAL_IDLE_TIMEOUT, Duration.ofSeconds(1), Duration.ofDays(7)),
        duration(Setting.LIST_CACHE_MAX_AGE, Duration.ZERO, Duration.ofMinutes(1)));
  }

  private String text(Setting s) {
    String value = values.get(s.key);
    return value == null ? "" : value.trim();
  }

  private static ConfigException fail(Setting s, String problem) {
    return new ConfigException("setting " + s.describe() + " " + problem);
  }

  private int integer(Setting s, int min, int max) {
    String value = text(s);
    try {
      int n = Integer.parseInt(value);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below with the expected range
    }
    throw fail(s, "must be a whole number from " + min + " to " + max + ", got '" + value + "'");
  }

  private boolean bool(Setting s) {
    String value = text(s).toLowerCase(Locale.ROOT);
    return switch (value) {
      case "true", "yes", "1" -> true;
      case "false", "no", "0", "" -> false;
      default -> throw fail(s, "must be true or false, got '" + value + "'");
    };
  }

  private Duration duration(Setting s, Duration min, Duration max) {
    String value = text(s).toLowerCase(Locale.ROOT);
    Matcher m = DURATION.matcher(value);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      String unit = m.group(2) == null ? "s" : m.group(2);
      Duration d = switch (unit) {
        case "ms" -> Duration.ofMillis(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        case "d" -> Duration.ofDays(n);
        default -> Duration.ofSeconds(n);
      };
      if (d.compareTo(min) >= 0 && d.compareTo(max) <= 0) {
        return d;
      }
      throw fail(s, "must be between " + min + " and " + max + ", got '" + value + "'");
    }
    throw fail(s, "must be a duration such as 90s, 15m, 12h or 7d, got '" + value + "'");
  }

  private long size(Setting s, long min, long max) {
    String value = text(s).toLowerCase(Locale.ROOT);
    Matcher m = SIZE.matcher(value);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      String unit = m.group(2) == null ? "b" : m.group(2);
      long bytes = unit.startsWith("k") ? n * 1024 : unit.startsWith("m") ? n * 1024 * 1024 : n;
      if (bytes >= min && bytes <= max) {
        return bytes;
      }
      throw fail(s, "must be between " + min + " and " + max + " bytes, got '" + value + "'");
    }
    throw fail(s, "must be a size such as 1048576, 512k or 1m, got '" + value + "'");
  }

  private Path optionalFile(Setting s) {
    String value = text(s);
    if (value.isEmpty()) {
      return null;
    }
    Path path = Path.of(value);
    if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
      throw fail(s, "names a file that does not exist or cannot be read: " + value);
    }
    return path.toAbsolutePath();
  }

  private List<GatewayConfig.HostSeed> hosts() {
    String value = text(Setting.HOSTS);
    List<GatewayConfig.HostSeed> hosts = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    if (value.isEmpty()) {
      return hosts;
    }
    for (String entry : value.split(",")) {
      String[] parts = entry.trim().split("=", 2);
      if (parts.length != 2) {
        throw fail(Setting.HOSTS, "entries look like id=url, got '" + entry.trim() + "'");
      }
      String id = parts[0].trim();
      String url = parts[1].trim();
      if (!HOST_ID.matcher(id).matches()) {
        throw fail(Setting.HOSTS, "host id '" + id + "' must be lowercase letters, digits and dashes");
      }
      if (!(url.startsWith("unix:///") && url.length() > 8) && !TCP_URL.matcher(url).matches()) {
        throw fail(Setting.HOSTS, "host '" + id + "' url must be unix:///path or tcp://addr:port, got '" + url + "'");
      }
      if (!ids.add(id)) {
        throw fail(Setting.HOSTS, "host id '" + id + "' appears twice");
      }
      hosts.add(new GatewayConfig.HostSeed(id, url));
    }
    return hosts;
  }
}
