package dev.berth.gateway.config;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Every gateway setting: its YAML key, environment variable, flag and default. */
enum Setting {
  LISTEN_HOST("listen.host", "BERTH_LISTEN_HOST", "listen-host", "127.0.0.1"),
  LISTEN_PORT("listen.port", "BERTH_LISTEN_PORT", "listen-port", "8080"),
  TLS_CERT("tls.cert", "BERTH_TLS_CERT", "tls-cert", ""),
  TLS_KEY("tls.key", "BERTH_TLS_KEY", "tls-key", ""),
  ALLOW_PLAIN_HTTP("tls.allowPlainHttp", "BERTH_ALLOW_PLAIN_HTTP", "allow-plain-http", "false"),
  DATA_DIR("dataDir", "BERTH_DATA_DIR", "data-dir", "/var/lib/berth-gateway"),
  DB_URL("db.url", "BERTH_DB_URL", "db-url", ""),
  DB_USER("db.user", "BERTH_DB_USER", "db-user", ""),
  DB_PASSWORD("db.password", "BERTH_DB_PASSWORD", "db-password", ""),
  DB_MAX_POOL_SIZE("db.maxPoolSize", "BERTH_DB_MAX_POOL_SIZE", "db-max-pool-size", "4"),
  JWT_LIFETIME("auth.jwtLifetime", "BERTH_JWT_LIFETIME", "jwt-lifetime", "12h"),
  MIN_PASSWORD_LENGTH("auth.minPasswordLength", "BERTH_MIN_PASSWORD_LENGTH", "min-password-length", "10"),
  LOGIN_MAX_FAILURES("auth.loginThrottle.maxFailures", "BERTH_LOGIN_MAX_FAILURES", "login-max-failures", "5"),
  LOGIN_WINDOW("auth.loginThrottle.window", "BERTH_LOGIN_WINDOW", "login-window", "5m"),
  LOGIN_LOCKOUT("auth.loginThrottle.lockout", "BERTH_LOGIN_LOCKOUT", "login-lockout", "1m"),
  BODY_LIMIT("http.bodyLimit", "BERTH_BODY_LIMIT", "body-limit", "1m"),
  HOSTS("hosts", "BERTH_HOSTS", "hosts", "local=unix:///run/berth/berth.sock"),
  ADMIN_PASSWORD_FILE("adminPasswordFile", "BERTH_ADMIN_PASSWORD_FILE", "admin-password-file", ""),
  LIVE_HEARTBEAT("live.heartbeat", "BERTH_LIVE_HEARTBEAT", "live-heartbeat", "20s"),
  TERMINAL_IDLE_TIMEOUT("live.terminalIdleTimeout", "BERTH_TERMINAL_IDLE_TIMEOUT", "terminal-idle-timeout", "30m"),
  LIST_CACHE_MAX_AGE("containers.listCacheMaxAge", "BERTH_LIST_CACHE_MAX_AGE", "list-cache-max-age", "1s");

  final String key;
  final String env;
  final String flag;
  final String defaultValue;

  Setting(String key, String env, String flag, String defaultValue) {
    this.key = key;
    this.env = env;
    this.flag = flag;
    this.defaultValue = defaultValue;
  }

  /** How the setting is named in messages: all three spellings, so any source can be fixed. */
  String describe() {
    return key + " (" + env + ", --" + flag + ")";
  }

  static Setting byKey(String key) {
    return Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst().orElse(null);
  }

  static Setting byFlag(String flag) {
    return Arrays.stream(values()).filter(s -> s.flag.equals(flag)).findFirst().orElse(null);
  }

  static boolean isBooleanFlag(String flag) {
    return ALLOW_PLAIN_HTTP.flag.equals(flag);
  }

  static String keyList() {
    return Arrays.stream(values()).map(s -> s.key).collect(Collectors.joining(", "));
  }

  static String flagList() {
    return Arrays.stream(values()).map(s -> "--" + s.flag).collect(Collectors.joining(", "));
  }
}
