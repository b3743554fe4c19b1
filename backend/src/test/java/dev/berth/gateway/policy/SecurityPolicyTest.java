package dev.berth.gateway.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecurityPolicyTest {

  private static final Set<String> SOCKETS = Set.of("/run/berth/berth.sock", "/var/run/docker.sock");

  private static Optional<PolicyRule> check(String createBody) {
    return SecurityPolicy.checkContainerCreate(new JsonObject(createBody), PolicySettings.ALL, SOCKETS)
        .map(PolicyViolation::rule);
  }

  private static JsonObject hostConfig(String hc) {
    return new JsonObject().put("Image", "busybox").put("HostConfig", new JsonObject(hc));
  }

  private static Optional<PolicyRule> checkHc(String hc) {
    return check(hostConfig(hc).encode());
  }

  @Test
  void plainContainerPasses() {
    assertEquals(Optional.empty(), check("{\"Image\":\"busybox\",\"Cmd\":[\"sh\"]}"));
    assertEquals(Optional.empty(), checkHc("{\"NetworkMode\":\"bridge\",\"Binds\":[\"data:/data\"],"
        + "\"Mounts\":[{\"Type\":\"volume\",\"Source\":\"v\",\"Target\":\"/v\"}],\"CapDrop\":[\"ALL\"],"
        + "\"Privileged\":false,\"Devices\":[],\"PidMode\":\"container:abc\"}"));
  }

  @Test
  void privileged() {
    assertEquals(Optional.of(PolicyRule.PRIVILEGED), checkHc("{\"Privileged\":true}"));
    assertEquals(Optional.of(PolicyRule.PRIVILEGED), checkHc("{\"SecurityOpt\":[\"seccomp=unconfined\"]}"));
    assertEquals(Optional.of(PolicyRule.PRIVILEGED), checkHc("{\"SecurityOpt\":[\"apparmor:unconfined\"]}"));
  }

  @Test
  void hostNamespaces() {
    for (String mode : new String[] {"NetworkMode", "PidMode", "IpcMode", "UTSMode", "UsernsMode"}) {
      assertEquals(Optional.of(PolicyRule.HOST_NAMESPACES), checkHc("{\"" + mode + "\":\"host\"}"), mode);
    }
    assertEquals(Optional.of(PolicyRule.HOST_NAMESPACES),
        check("{\"Image\":\"x\",\"NetworkingConfig\":{\"EndpointsConfig\":{\"host\":{}}}}"));
  }

  @Test
  void bindMountsOfHostPaths() {
    assertEquals(Optional.of(PolicyRule.BIND_MOUNTS), checkHc("{\"Binds\":[\"/etc:/host-etc:ro\"]}"));
    assertEquals(Optional.of(PolicyRule.BIND_MOUNTS),
        checkHc("{\"Mounts\":[{\"Type\":\"bind\",\"Source\":\"/home\",\"Target\":\"/h\"}]}"));
    // the local volume driver can bind a host path too
    assertEquals(Optional.of(PolicyRule.BIND_MOUNTS), checkHc("{\"Mounts\":[{\"Type\":\"volume\",\"Target\":\"/h\","
        + "\"VolumeOptions\":{\"DriverConfig\":{\"Name\":\"local\",\"Options\":{\"type\":\"none\",\"o\":\"bind\","
        + "\"device\":\"/etc\"}}}}]}"));
  }

  @Test
  void engineSocketIsNamedEvenThroughParentDirectories() {
    assertEquals(Optional.of(PolicyRule.ENGINE_SOCKET), checkHc("{\"Binds\":[\"/var/run/docker.sock:/s\"]}"));
    assertEquals(Optional.of(PolicyRule.ENGINE_SOCKET), checkHc("{\"Binds\":[\"/run/docker.sock:/s\"]}"));
    assertEquals(Optional.of(PolicyRule.ENGINE_SOCKET), checkHc("{\"Binds\":[\"/run/berth:/s\"]}"));
    assertEquals(Optional.of(PolicyRule.ENGINE_SOCKET), checkHc("{\"Binds\":[\"/var/run:/s\"]}"));
    assertEquals(Optional.of(PolicyRule.ENGINE_SOCKET), checkHc("{\"Binds\":[\"/:/host\"]}"));
    assertEquals(Optional.of(PolicyRule.ENGINE_SOCKET), checkHc("{\"Binds\":[\"/var/run/../run/docker.sock:/s\"]}"));
    assertEquals(Optional.of(PolicyRule.ENGINE_SOCKET),
        checkHc("{\"Mounts\":[{\"Type\":\"bind\",\"Source\":\"/tmp/other/podman.sock\",\"Target\":\"/s\"}]}"));
  }

  @Test
  void capabilitiesAndDevices() {
    assertEquals(Optional.of(PolicyRule.CAPABILITIES), checkHc("{\"CapAdd\":[\"NET_ADMIN\"]}"));
    assertEquals(Optional.of(PolicyRule.DEVICES),
        checkHc("{\"Devices\":[{\"PathOnHost\":\"/dev/kmsg\",\"PathInContainer\":\"/dev/kmsg\"}]}"));
    assertEquals(Optional.of(PolicyRule.DEVICES), checkHc("{\"DeviceRequests\":[{\"Count\":-1}]}"));
    assertEquals(Optional.of(PolicyRule.DEVICES), checkHc("{\"DeviceCgroupRules\":[\"c 1:3 mr\"]}"));
  }

  @Test
  void fieldNamesMatchCaseInsensitivelyLikeTheEngine() {
    assertEquals(Optional.of(PolicyRule.PRIVILEGED), check("{\"Image\":\"x\",\"hostconfig\":{\"privileged\":true}}"));
    assertEquals(Optional.of(PolicyRule.PRIVILEGED), check("{\"Image\":\"x\",\"HOSTCONFIG\":{\"PRIVILEGED\":true}}"));
    assertEquals(Optional.of(PolicyRule.HOST_NAMESPACES),
        check("{\"Image\":\"x\",\"HostConfig\":{\"NetworkMode\":\"default\",\"networkmode\":\"host\"}}"));
    assertEquals(Optional.of(PolicyRule.CAPABILITIES),
        check("{\"Image\":\"x\",\"HostConfig\":{\"CapAdd\":[],\"capadd\":[\"SYS_ADMIN\"]}}"));
    // Go's decoder folds the long s (U+017F) to s
    assertEquals(Optional.of(PolicyRule.PRIVILEGED),
        check("{\"Image\":\"x\",\"Ho\u017ftConfig\":{\"Privileged\":true}}"));
  }

  @Test
  void rulesSwitchedOffAreNotEnforced() {
    PolicySettings noBinds = PolicySettings.fromJson(new JsonObject().put("bindMounts", false), PolicySettings.ALL);
    JsonObject bind = hostConfig("{\"Binds\":[\"/srv/data:/data\"]}");
    assertEquals(Optional.empty(), SecurityPolicy.checkContainerCreate(bind, noBinds, SOCKETS));
    // the socket rule still holds when plain bind mounts are allowed
    JsonObject socket = hostConfig("{\"Binds\":[\"/var/run/docker.sock:/s\"]}");
    assertEquals(PolicyRule.ENGINE_SOCKET,
        SecurityPolicy.checkContainerCreate(socket, noBinds, SOCKETS).orElseThrow().rule());
    PolicySettings none = new PolicySettings(EnumSet.noneOf(PolicyRule.class));
    assertEquals(Optional.empty(), SecurityPolicy.checkContainerCreate(
        hostConfig("{\"Privileged\":true,\"CapAdd\":[\"ALL\"]}"), none, SOCKETS));
  }

  @Test
  void messageNamesTheRule() {
    String message = SecurityPolicy.checkContainerCreate(hostConfig("{\"Privileged\":true}"), PolicySettings.ALL, SOCKETS)
        .orElseThrow().message();
    assertTrue(message.contains("'privileged'"), message);
  }

  @Test
  void volumeCreateWithBindDriverOptions() {
    JsonObject bind = new JsonObject().put("Name", "v").put("DriverOpts",
        new JsonObject().put("type", "none").put("o", "bind").put("device", "/srv"));
    assertEquals(PolicyRule.BIND_MOUNTS,
        SecurityPolicy.checkVolumeCreate(bind, PolicySettings.ALL, SOCKETS).orElseThrow().rule());
    JsonObject tmpfs = new JsonObject().put("Name", "v").put("DriverOpts",
        new JsonObject().put("type", "tmpfs").put("device", "tmpfs").put("o", "size=10m"));
    assertEquals(Optional.empty(), SecurityPolicy.checkVolumeCreate(tmpfs, PolicySettings.ALL, SOCKETS));
  }

  @Test
  void settingsJsonRoundTripAndValidation() {
    PolicySettings s = PolicySettings.fromJson(new JsonObject().put("devices", false), PolicySettings.ALL);
    assertEquals(false, s.toJson().getBoolean("devices"));
    assertEquals(true, s.toJson().getBoolean("privileged"));
    assertEquals(s, PolicySettings.fromJson(s.toJson(), PolicySettings.ALL));
    assertThrowsIae(() -> PolicySettings.fromJson(new JsonObject().put("nope", true), PolicySettings.ALL));
    assertThrowsIae(() -> PolicySettings.fromJson(new JsonObject().put("devices", "no"), PolicySettings.ALL));
  }

  private static void assertThrowsIae(Runnable r) {
    assertThrows(IllegalArgumentException.class, r::run);
  }
}
