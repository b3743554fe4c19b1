package dev.berth.engine.security;

import dev.berth.engine.errors.EngineException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * A seccomp profile in Docker's format (an archMap, and rules that apply only on some
 * architectures, with or without some capabilities, or from a kernel version on), turned into
 * the OCI spec's {@code linux.seccomp} for one container, as moby's setupSeccomp does. The
 * built-in profile is the containers/common default that Podman ships (Apache-2.0): the
 * syscalls a container may make, everything else fails with ENOSYS.
 */
public final class SeccompProfile {
  private static final Set<String> ACTIONS = Set.of("SCMP_ACT_ALLOW", "SCMP_ACT_ERRNO", "SCMP_ACT_KILL",
      "SCMP_ACT_KILL_PROCESS", "SCMP_ACT_KILL_THREAD", "SCMP_ACT_TRAP", "SCMP_ACT_TRACE", "SCMP_ACT_LOG",
      "SCMP_ACT_NOTIFY");
  private static final String BUILTIN = "/dev/berth/engine/security/default-seccomp.json";

  private final JsonObject profile;

  private SeccompProfile(JsonObject profile) {
    this.profile = profile;
  }

  public static SeccompProfile builtin() {
    try (InputStream in = SeccompProfile.class.getResourceAsStream(BUILTIN)) {
      if (in == null) {
        throw new IllegalStateException("the built-in seccomp profile is missing from the jar");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the built-in seccomp profile", e);
    }
  }

  /** Checks the whole profile now, so that a bad one fails the create and not a later start. */
  public static SeccompProfile parse(String json) {
    JsonObject p;
    try {
      p = new JsonObject(json);
    } catch (DecodeException | ClassCastException e) {
      throw bad("it is not a JSON object");
    }
    try {
      action(p.getString("defaultAction"), "defaultAction");
      JsonArray calls = p.getJsonArray("syscalls", new JsonArray());
      for (int i = 0; i < calls.size(); i++) {
        JsonObject call = calls.getJsonObject(i);
        if (names(call).isEmpty()) {
          throw bad("syscalls[" + i + "] names no system call");
        }
        action(call.getString("action"), "syscalls[" + i + "].action");
      }
      p.getJsonArray("archMap", new JsonArray()).forEach(a -> ((JsonObject) a).getString("architecture"));
      p.getJsonArray("architectures", new JsonArray()).forEach(a -> ((String) a).length());
    } catch (ClassCastException e) {
      throw bad("a field has the wrong type: " + e.getMessage());
    }
    return new SeccompProfile(p);
  }

  /**
   * The OCI form for a container with these (bounding) capabilities: rules for another
   * architecture, another kernel or capabilities the container lacks (or has, for excludes)
   * are left out.
   */
  public JsonObject toOci(Set<String> caps, Platform platform) {
    JsonObject oci = new JsonObject().put("defaultAction", profile.getString("defaultAction"));
    copyNumber(profile, oci, "defaultErrnoRet");
    oci.put("architectures", architectures(platform));
    if (profile.getJsonArray("flags") != null) {
      oci.put("flags", profile.getJsonArray("flags").copy());
    }
    if (profile.getString("listenerPath") != null) {
      oci.put("listenerPath", profile.getString("listenerPath"));
    }
    JsonArray rules = new JsonArray();
    for (Object o : profile.getJsonArray("syscalls", new JsonArray())) {
      JsonObject call = (JsonObject) o;
      if (applies(call.getJsonObject("includes", new JsonObject()), call.getJsonObject("excludes", new JsonObject()),
          caps, platform)) {
        JsonObject rule = new JsonObject().put("names", names(call)).put("action", call.getString("action"));
        copyNumber(call, rule, "errnoRet");
        JsonArray args = call.getJsonArray("args");
        if (args != null && !args.isEmpty()) {
          rule.put("args", args.copy());
        }
        rules.add(rule);
      }
    }
    return oci.put("syscalls", rules);
  }

  private JsonArray architectures(Platform platform) {
    JsonArray legacy = profile.getJsonArray("architectures");
    if (legacy != null) {
      return legacy.copy();
    }
    JsonArray out = new JsonArray();
    for (Object o : profile.getJsonArray("archMap", new JsonArray())) {
      JsonObject entry = (JsonObject) o;
      if (platform.seccompArch().equals(entry.getString("architecture"))) {
        out.add(entry.getString("architecture"));
        entry.getJsonArray("subArchitectures", new JsonArray()).forEach(out::add);
      }
    }
    return out;
  }

  private static boolean applies(JsonObject includes, JsonObject excludes, Set<String> caps, Platform platform) {
    JsonArray arches = includes.getJsonArray("arches");
    if (arches != null && !arches.isEmpty() && !arches.contains(platform.goArch())) {
      return false;
    }
    JsonArray needed = includes.getJsonArray("caps");
    if (needed != null && needed.stream().anyMatch(c -> !caps.contains(String.valueOf(c)))) {
      return false;
    }
    String minKernel = includes.getString("minKernel");
    if (minKernel != null && !platform.kernelAtLeast(minKernel)) {
      return false;
    }
    JsonArray notArches = excludes.getJsonArray("arches");
    if (notArches != null && notArches.contains(platform.goArch())) {
      return false;
    }
    JsonArray notCaps = excludes.getJsonArray("caps");
    return notCaps == null || notCaps.stream().noneMatch(c -> caps.contains(String.valueOf(c)));
  }

  private static JsonArray names(JsonObject call) {
    JsonArray names = call.getJsonArray("names");
    if (names != null) {
      return names.copy();
    }
    String name = call.getString("name");
    return name == null ? new JsonArray() : new JsonArray().add(name);
  }

  private static void action(String action, String where) {
    if (action == null || !ACTIONS.contains(action)) {
      throw bad(where + " must be one of " + ACTIONS + ", got " + action);
    }
  }

  private static void copyNumber(JsonObject from, JsonObject to, String key) {
    Object v = from.getValue(key);
    if (v instanceof Number n) {
      to.put(key, n.intValue());
    }
  }

  private static EngineException bad(String why) {
    return EngineException.invalidParameter("invalid seccomp profile: " + why);
  }
}
