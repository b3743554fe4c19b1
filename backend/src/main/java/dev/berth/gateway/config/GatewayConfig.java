package dev.berth.gateway.config;

import dev.berth.gateway.store.DatabaseSettings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The gateway's validated settings, built by {@link ConfigLoader} from defaults,
 * {@code config/gateway.yaml}, {@code BERTH_*} environment variables and flags.
 */
public record GatewayConfig(
    String listenHost,
    int listenPort,
    Path tlsCert,
    Path tlsKey,
    boolean allowPlainHttp,
    Path dataDir,
    String dbUrl,
    String dbUser,
    String dbPassword,
    int dbMaxPoolSize,
    Duration jwtLifetime,
    int minPasswordLength,
    int loginMaxFailures,
    Duration loginWindow,
    Duration loginLockout,
    long bodyLimit,
    List<HostSeed> hosts,
    Path adminPasswordFile,
    Duration liveHeartbeat,
    Duration terminalIdleTimeout,
    Duration listCacheMaxAge) {

  /** A host registered at start, e.g. {@code local = unix:///run/berth/berth.sock}. */
  public record HostSeed(String id, String url) {}

  public GatewayConfig {
    hosts = List.copyOf(hosts);
  }

  /** True when the listen address only accepts connections from this machine. */
  public boolean isLoopback() {
    if (listenHost.equals("localhost")) {
      return true;
    }
    try {
      return InetAddress.getByName(listenHost).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** Plain HTTP only on loopback without a configured certificate, or when explicitly allowed. */
  public boolean usesTls() {
    if (tlsCert != null) {
      return true;
    }
    return !isLoopback() && !allowPlainHttp;
  }

  public DatabaseSettings database() {
    String url = dbUrl.isEmpty()
        ? "jdbc:h2:file:" + dataDir.resolve("gateway").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE"
        : dbUrl;
    return new DatabaseSettings(url, dbUser, dbPassword, dbMaxPoolSize);
  }
}
