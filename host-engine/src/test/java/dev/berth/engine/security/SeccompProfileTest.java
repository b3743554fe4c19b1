package dev.berth.engine.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.errors.EngineException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeccompProfileTest {
  private static final Platform AMD64_5_10 = new Platform("amd64", "SCMP_ARCH_X86_64", 5, 10);

  private static List<Object> names(JsonObject oci) {
    return oci.getJsonArray("syscalls").stream().flatMap(r -> ((JsonObject) r).getJsonArray("names").stream()).toList();
  }

  private static List<Object> allowed(JsonObject oci) {
    return oci.getJsonArray("syscalls").stream().map(r -> (JsonObject) r)
        .filter(r -> "SCMP_ACT_ALLOW".equals(r.getString("action"))).flatMap(r -> r.getJsonArray("names").stream()).toList();
  }

  @Test
  void rulesFollowTheArchitectureTheCapabilitiesAndTheKernel() {
    SeccompProfile p = SeccompProfile.parse("""
        {"defaultAction":"SCMP_ACT_ERRNO","defaultErrnoRet":38,
         "archMap":[{"architecture":"SCMP_ARCH_X86_64","subArchitectures":["SCMP_ARCH_X86"]},
                    {"architecture":"SCMP_ARCH_AARCH64","subArchitectures":["SCMP_ARCH_ARM"]}],
         "syscalls":[
          {"names":["read"],"action":"SCMP_ACT_ALLOW"},
          {"names":["arch_prctl"],"action":"SCMP_ACT_ALLOW","includes":{"arches":["amd64"]}},
          {"names":["arm_only"],"action":"SCMP_ACT_ALLOW","includes":{"arches":["arm64"]}},
          {"names":["mount"],"action":"SCMP_ACT_ALLOW","includes":{"caps":["CAP_SYS_ADMIN"]}},
          {"names":["clone"],"action":"SCMP_ACT_ALLOW","excludes":{"caps":["CAP_SYS_ADMIN"]},
           "args":[{"index":0,"value":2114060288,"op":"SCMP_CMP_MASKED_EQ"}]},
          {"names":["newer"],"action":"SCMP_ACT_ALLOW","includes":{"minKernel":"5.11"}},
          {"names":["older"],"action":"SCMP_ACT_ERRNO","errnoRet":1,"includes":{"minKernel":"4.8"}}]}""");

    JsonObject plain = p.toOci(Set.of("CAP_CHOWN"), AMD64_5_10);
    assertEquals("SCMP_ACT_ERRNO", plain.getString("defaultAction"));
    assertEquals(38, plain.getInteger("defaultErrnoRet"));
    assertEquals(new JsonArray().add("SCMP_ARCH_X86_64").add("SCMP_ARCH_X86"), plain.getJsonArray("architectures"));
    assertEquals(List.of("read", "arch_prctl", "clone", "older"), names(plain));
    JsonObject clone = plain.getJsonArray("syscalls").getJsonObject(2);
    assertEquals("SCMP_CMP_MASKED_EQ", clone.getJsonArray("args").getJsonObject(0).getString("op"));
    assertEquals(1, plain.getJsonArray("syscalls").getJsonObject(3).getInteger("errnoRet"));

    JsonObject admin = p.toOci(Set.of("CAP_SYS_ADMIN"), new Platform("arm64", "SCMP_ARCH_AARCH64", 6, 1));
    assertEquals(List.of("read", "arm_only", "mount", "newer", "older"), names(admin));
    assertEquals(new JsonArray().add("SCMP_ARCH_AARCH64").add("SCMP_ARCH_ARM"), admin.getJsonArray("architectures"));
  }

  @Test
  void theBuiltInProfileAllowsTheUsualCallsAndKeepsTheDangerousOnesOut() {
    JsonObject oci = SeccompProfile.builtin().toOci(Set.of("CAP_CHOWN", "CAP_NET_BIND_SERVICE"), AMD64_5_10);
    List<Object> allowed = allowed(oci);
    assertTrue(allowed.containsAll(List.of("read", "write", "execve", "clone", "openat")), allowed::toString);
    assertFalse(allowed.contains("kexec_load"));
    assertFalse(allowed.contains("bpf"), "bpf needs CAP_SYS_ADMIN");
    assertTrue(allowed(SeccompProfile.builtin().toOci(Set.of("CAP_SYS_ADMIN"), AMD64_5_10)).contains("bpf"));
  }

  @Test
  void badProfilesAreRefusedWithTheReason() {
    EngineException notJson = assertThrows(EngineException.class, () -> SeccompProfile.parse("{nope"));
    assertTrue(notJson.getMessage().contains("invalid seccomp profile"), notJson.getMessage());
    assertThrows(EngineException.class, () -> SeccompProfile.parse("{\"defaultAction\":\"ALLOW_ALL\"}"));
    assertThrows(EngineException.class, () -> SeccompProfile.parse(
        "{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"syscalls\":[{\"action\":\"SCMP_ACT_ERRNO\"}]}"));
    assertThrows(EngineException.class, () -> SeccompProfile.parse(
        "{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"syscalls\":[{\"names\":\"mkdir\",\"action\":\"SCMP_ACT_ERRNO\"}]}"));
  }

  @Test
  void securityOptionsParseAsDockerdDoes() {
    assertTrue(SecurityOptions.parse(new JsonArray().add("no-new-privileges")).noNewPrivileges());
    assertFalse(SecurityOptions.parse(new JsonArray().add("no-new-privileges=false")).noNewPrivileges());
    assertTrue(SecurityOptions.parse(new JsonArray().add("seccomp=unconfined")).seccompUnconfined());
    assertTrue(SecurityOptions.parse(new JsonArray().add("label=disable").add("apparmor=unconfined")).seccompJson() == null);
    EngineException bad = assertThrows(EngineException.class, () -> SecurityOptions.parse(new JsonArray().add("foo=bar")));
    assertEquals("invalid --security-opt 2: \"foo=bar\"", bad.getMessage());
    assertThrows(EngineException.class, () -> SecurityOptions.parse(new JsonArray().add("nonsense")));
    assertThrows(EngineException.class, () -> SecurityOptions.parse(new JsonArray().add("seccomp={bad")));
    assertThrows(EngineException.class, () -> SecurityOptions.parse(new JsonArray().add("apparmor=docker-default")));
  }
}
