package dev.berth.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link GatewayConfig}: built-in defaults, then the YAML file ({@code --config},
 * {@code BERTH_CONFIG}, or {@code config/gateway.yaml} when present), then {@code BERTH_*}
 * environment variables, then flags. Every value is validated and a wrong one fails with a
 * message that names the setting.
 */
public final class ConfigLoader {
  static final Path DEFAULT_FILE = Path.of("config", "gateway.yaml");

  private final Map<String, String> env;

  public ConfigLoader(Map<String, String> env) {
    this.env = env;
  }

  public GatewayConfig load(String[] args) {
    Map<String, String> flags = parseFlags(args);
    Map<String, String> values = new LinkedHashMap<>();
    for (Setting s : Setting.values()) {
      values.put(s.key, s.defaultValue);
    }
    Path file = configFile(flags);
    if (file != null) {
      values.putAll(readYaml(file));
    }
    for (Setting s : Setting.values()) {
      String fromEnv = env.get(s.env);
      if (fromEnv != null) {
        values.put(s.key, fromEnv);
      }
      String fromFlag = flags.get(s.flag);
      if (fromFlag != null) {
        values.put(s.key, fromFlag);
      }
    }
    return SettingParser.parse(values);
  }

  private Path configFile(Map<String, String> flags) {
    String explicit = flags.containsKey("config") ? flags.get("config") : env.get("BERTH_CONFIG");
    if (explicit != null) {
      Path path = Path.of(explicit);
      if (!Files.isReadable(path)) {
        throw new ConfigException("config file " + explicit + " (--config / BERTH_CONFIG) cannot be read");
      }
      return path;
    }
    return Files.isReadable(DEFAULT_FILE) ? DEFAULT_FILE : null;
  }

  private static Map<String, String> parseFlags(String[] args) {
    Map<String, String> flags = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw new ConfigException("unexpected argument '" + arg + "': flags look like --name value");
      }
      String name = arg.substring(2);
      String value;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      } else if (Setting.isBooleanFlag(name) && (i + 1 >= args.length || args[i + 1].startsWith("--"))) {
        value = "true";
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new ConfigException("flag --" + name + " needs a value");
      }
      if (!name.equals("config") && Setting.byFlag(name) == null) {
        throw new ConfigException("unknown flag --" + name + "; known flags: --config, " + Setting.flagList());
      }
      flags.put(name, value);
    }
    return flags;
  }

  private static Map<String, String> readYaml(Path file) {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
    } catch (IOException e) {
      throw new ConfigException("config file " + file + " is not valid YAML: " + e.getMessage());
    }
    Map<String, String> values = new LinkedHashMap<>();
    if (root != null && !root.isMissingNode() && !root.isNull()) {
      if (!root.isObject()) {
        throw new ConfigException("config file " + file + " must hold a YAML mapping of settings");
      }
      flatten(file, "", root, values);
    }
    return values;
  }

  private static void flatten(Path file, String prefix, JsonNode node, Map<String, String> out) {
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String key = prefix + field.getKey();
      JsonNode value = field.getValue();
      if (key.equals(Setting.HOSTS.key)) {
        out.put(key, hostsToText(file, value));
      } else if (value.isObject()) {
        flatten(file, key + ".", value, out);
      } else if (Setting.byKey(key) == null) {
        throw new ConfigException("unknown setting '" + key + "' in " + file + "; known settings: " + Setting.keyList());
      } else if (value.isContainerNode()) {
        throw new ConfigException("setting " + key + " in " + file + " must be a single value");
      } else {
        out.put(key, value.isNull() ? "" : value.asText());
      }
    }
  }

  /** hosts: [{id: local, url: unix:///...}] becomes "local=unix:///..." like BERTH_HOSTS. */
  private static String hostsToText(Path file, JsonNode value) {
    if (value.isNull()) {
      return "";
    }
    if (!value.isArray()) {
      throw new ConfigException("setting hosts in " + file + " must be a list of {id, url}");
    }
    List<String> parts = new ArrayList<>();
    for (JsonNode host : value) {
      if (!host.isObject() || !host.path("id").isTextual() || !host.path("url").isTextual() || host.size() != 2) {
        throw new ConfigException("setting hosts in " + file + ": each entry needs exactly 'id' and 'url', got " + host);
      }
      parts.add(host.get("id").asText() + "=" + host.get("url").asText());
    }
    return String.join(",", parts);
  }
}
