package dev.berth.engine.security;

import dev.berth.engine.errors.EngineException;
import io.vertx.core.json.JsonArray;

/**
 * A container's HostConfig.SecurityOpt, parsed as dockerd does (same error texts): seccomp
 * (unconfined or the profile's JSON, which the CLI reads from the file it is given),
 * no-new-privileges, AppArmor and SELinux labels. This engine manages no AppArmor profiles
 * ("unconfined" is accepted) and the host has no SELinux (labels are accepted and ignored,
 * as dockerd without SELinux support does).
 *
 * @param seccompJson a custom profile, or null
 */
public record SecurityOptions(boolean seccompUnconfined, String seccompJson, boolean noNewPrivileges) {

  static final SecurityOptions NONE = new SecurityOptions(false, null, false);

  public static SecurityOptions parse(JsonArray opts) {
    if (opts == null || opts.isEmpty()) {
      return NONE;
    }
    boolean unconfined = false;
    String json = null;
    boolean nnp = false;
    for (Object o : opts) {
      if (!(o instanceof String opt)) {
        throw EngineException.invalidParameter("invalid --security-opt: " + o);
      }
      if (opt.equals("no-new-privileges")) {
        nnp = true;
        continue;
      }
      if (opt.equals("disable")) {
        continue; // label=disable in its old spelling
      }
      String[] kv = opt.contains("=") ? opt.split("=", 2) : opt.split(":", 2);
      if (kv.length != 2) {
        throw EngineException.invalidParameter("invalid --security-opt 1: \"" + opt + "\"");
      }
      switch (kv[0]) {
        case "label" -> { }
        case "apparmor" -> {
          if (!kv[1].equals("unconfined")) {
            throw EngineException.invalidParameter("apparmor profile " + kv[1]
                + " cannot be applied: this engine does not manage AppArmor profiles (use apparmor=unconfined)");
          }
        }
        case "seccomp" -> {
          if (kv[1].equals("unconfined")) {
            unconfined = true;
            json = null;
          } else {
            SeccompProfile.parse(kv[1]);
            unconfined = false;
            json = kv[1];
          }
        }
        case "no-new-privileges" -> {
          if (!kv[1].equals("true") && !kv[1].equals("false") && !kv[1].equals("1") && !kv[1].equals("0")) {
            throw EngineException.invalidParameter("invalid --security-opt 2: \"" + opt + "\"");
          }
          nnp = kv[1].equals("true") || kv[1].equals("1");
        }
        default -> throw EngineException.invalidParameter("invalid --security-opt 2: \"" + opt + "\"");
      }
    }
    return new SecurityOptions(unconfined, json, nnp);
  }
}
