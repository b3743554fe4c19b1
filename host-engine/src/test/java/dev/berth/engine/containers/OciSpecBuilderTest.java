package dev.berth.engine.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OciSpecBuilderTest {

  static final String ID = "0123456789ab" + "c".repeat(52);

  static Container container(JsonObject config, JsonObject host) {
    return new Container(
        ID, "web", 1L, config, host, "sha256:" + "e".repeat(64), "sh", List.of("-c", "echo hi"),
        List.of(Path.of("/layers/a")), Path.of("/data/containers/" + ID), Path.of("/exec/c/0123456789ab"),
        Path.of("/exec/c/0123456789ab/attach"), Path.of("/exec/c/0123456789ab/ctl"));
  }

  private static JsonObject build(JsonObject config, JsonObject host) {
    Container c = container(config, host);
    return OciSpecBuilder.build(
        c, Path.of("/rootfs"), new UserResolver.User(1000, 1000, List.of(50), "/home/b"),
        MountPoints.parse(host), "myhost");
  }

  private static List<String> destinations(JsonObject spec) {
    List<String> out = new ArrayList<>();
    spec.getJsonArray("mounts").forEach(m -> out.add(((JsonObject) m).getString("destination")));
    return out;
  }

  private static List<String> namespaces(JsonObject spec) {
    List<String> out = new ArrayList<>();
    spec.getJsonObject("linux").getJsonArray("namespaces").forEach(n -> out.add(((JsonObject) n).getString("type")));
    return out;
  }

  @Test
  void defaultsLikeDockerd() {
    JsonObject spec = build(new JsonObject().put("Env", new JsonArray().add("A=1")), new JsonObject());
    JsonObject process = spec.getJsonObject("process");
    assertEquals(new JsonArray().add("sh").add("-c").add("echo hi"), process.getJsonArray("args"));
    assertNull(process.getValue("rlimits"), "no rlimits: raising them needs CAP_SYS_RESOURCE");
    assertEquals(1000, process.getJsonObject("user").getInteger("uid"));
    assertEquals(new JsonArray().add(50), process.getJsonObject("user").getJsonArray("additionalGids"));
    assertEquals("/", process.getString("cwd"));
    assertTrue(process.getJsonArray("env").contains("HOSTNAME=myhost"));
    assertTrue(process.getJsonArray("env").contains("A=1"));
    assertEquals(
        new JsonArray(new ArrayList<>(Capabilities.DEFAULTS)), process.getJsonObject("capabilities").getJsonArray("bounding"));
    assertEquals("myhost", spec.getString("hostname"));
    assertFalse(spec.getJsonObject("root").getBoolean("readonly"));
    assertEquals(List.of("pid", "ipc", "uts", "mount", "network"), namespaces(spec));
    JsonObject linux = spec.getJsonObject("linux");
    assertTrue(linux.getJsonArray("maskedPaths").contains("/proc/kcore"));
    assertTrue(linux.getJsonArray("readonlyPaths").contains("/proc/sys"));
    assertEquals("/berth/" + ID, linux.getString("cgroupsPath"));
    assertEquals(
        List.of("/proc", "/dev", "/dev/pts", "/sys", "/sys/fs/cgroup", "/dev/mqueue", "/dev/shm",
            "/etc/resolv.conf", "/etc/hostname", "/etc/hosts"),
        destinations(spec));
    JsonObject shm = (JsonObject) spec.getJsonArray("mounts").getValue(6);
    assertTrue(shm.getJsonArray("options").contains("size=67108864"));
    assertFalse(linux.getJsonObject("resources").containsKey("memory"));
  }

  @Test
  void hostConfigOptions() {
    JsonObject host =
        new JsonObject()
            .put("NetworkMode", "host")
            .put("ReadonlyRootfs", true)
            .put("Init", true)
            .put("Memory", 64L * 1024 * 1024)
            .put("NanoCpus", 1_500_000_000L)
            .put("PidsLimit", 50)
            .put("CapAdd", new JsonArray().add("NET_ADMIN"))
            .put("CapDrop", new JsonArray().add("chown"))
            .put("Binds", new JsonArray().add("/srv/data:/data:ro"))
            .put("ConsoleSize", new JsonArray().add(30).add(100));
    JsonObject spec = build(new JsonObject().put("Tty", true).put("WorkingDir", "/app"), host);
    assertFalse(namespaces(spec).contains("network"), "host mode shares the host's network namespace");
    assertTrue(spec.getJsonObject("root").getBoolean("readonly"));
    JsonObject process = spec.getJsonObject("process");
    assertEquals("/sbin/docker-init", process.getJsonArray("args").getString(0));
    assertEquals("--", process.getJsonArray("args").getString(1));
    assertEquals("/app", process.getString("cwd"));
    assertTrue(process.getBoolean("terminal"));
    assertTrue(process.getJsonArray("env").contains("TERM=xterm"));
    assertEquals(new JsonObject().put("height", 30).put("width", 100), process.getJsonObject("consoleSize"));
    JsonArray caps = process.getJsonObject("capabilities").getJsonArray("effective");
    assertTrue(caps.contains("CAP_NET_ADMIN"));
    assertFalse(caps.contains("CAP_CHOWN"));
    JsonObject resources = spec.getJsonObject("linux").getJsonObject("resources");
    assertEquals(64L * 1024 * 1024, resources.getJsonObject("memory").getLong("limit"));
    assertEquals(150_000L, resources.getJsonObject("cpu").getLong("quota"));
    assertEquals(100_000L, resources.getJsonObject("cpu").getLong("period"));
    assertEquals(50L, resources.getJsonObject("pids").getLong("limit"));
    List<String> dest = destinations(spec);
    assertTrue(dest.contains("/data"));
    assertTrue(dest.contains("/sbin/docker-init"));
    JsonObject data = (JsonObject) spec.getJsonArray("mounts").getValue(dest.indexOf("/data"));
    assertEquals("/srv/data", data.getString("source"));
    assertTrue(data.getJsonArray("options").contains("ro"));
  }

  @Test
  void privilegedDropsMasksAndAllowsDevices() {
    JsonObject spec = build(new JsonObject(), new JsonObject().put("Privileged", true));
    JsonObject linux = spec.getJsonObject("linux");
    assertNull(linux.getValue("maskedPaths"));
    assertTrue(linux.getJsonObject("resources").getJsonArray("devices").getJsonObject(0).getBoolean("allow"));
    JsonArray caps = spec.getJsonObject("process").getJsonObject("capabilities").getJsonArray("bounding");
    assertTrue(caps.contains("CAP_SYS_ADMIN"));
    assertTrue(caps.size() > Capabilities.DEFAULTS.size());
  }
}
