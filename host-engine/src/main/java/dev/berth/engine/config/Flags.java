package dev.berth.engine.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** dockerd-style flags: --name value, --name=value, -H value; repeatable flags keep every value. */
final class Flags {

  private static final Map<String, String> SHORT = Map.of("H", "host", "l", "log-level", "G", "group", "b", "bridge");
  private static final Set<String> BOOLEAN = Set.of("tlsverify", "debug", "userland-proxy");
  private static final Set<String> KNOWN =
      Set.of(
          "host", "data-root", "exec-root", "pidfile", "log-level", "group", "tlsverify",
          "tlscacert", "tlscert", "tlskey", "runc", "conmon", "insecure-registry", "config-file",
          "debug", "bridge", "bip", "default-address-pool", "userland-proxy", "seccomp-profile");

  private final Map<String, List<String>> values = new HashMap<>();

  static Flags parse(String[] args) {
    Flags flags = new Flags();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String name;
      String value = null;
      if (arg.startsWith("--")) {
        name = arg.substring(2);
      } else if (arg.startsWith("-") && arg.length() >= 2) {
        name = SHORT.get(arg.substring(1, 2));
        if (name == null) {
          throw new EngineConfig.ConfigException(arg, "unknown flag");
        }
        if (arg.length() > 2) {
          value = arg.substring(arg.charAt(2) == '=' ? 3 : 2);
        }
      } else {
        throw new EngineConfig.ConfigException(arg, "unexpected argument");
      }
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      if (!KNOWN.contains(name)) {
        throw new EngineConfig.ConfigException(name, "unknown flag");
      }
      if (value == null) {
        if (BOOLEAN.contains(name)) {
          value = "true";
        } else if (i + 1 < args.length) {
          value = args[++i];
        } else {
          throw new EngineConfig.ConfigException(name, "needs a value");
        }
      }
      if (name.equals("debug")) {
        name = "log-level";
        value = "debug";
      }
      flags.values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
    return flags;
  }

  Optional<String> value(String name) {
    List<String> v = values.get(name);
    return v == null ? Optional.empty() : Optional.of(v.get(v.size() - 1));
  }

  List<String> values(String name) {
    return values.getOrDefault(name, List.of());
  }
}
