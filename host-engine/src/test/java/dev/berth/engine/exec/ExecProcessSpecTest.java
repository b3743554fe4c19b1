package dev.berth.engine.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecProcessSpecTest {

  @TempDir Path dir;

  private ExecContainer container() throws Exception {
    JsonObject process =
        new JsonObject()
            .put("terminal", false)
            .put("args", new JsonArray(List.of("sleep", "60")))
            .put("env", new JsonArray(List.of("PATH=/bin", "BASE=1")))
            .put("cwd", "/")
            .put("user", new JsonObject().put("uid", 0).put("gid", 0))
            .put("capabilities", new JsonObject().put("bounding", new JsonArray(List.of("CAP_CHOWN"))))
            .put("noNewPrivileges", true);
    Path config = dir.resolve("config.json");
    Files.writeString(config, new JsonObject().put("process", process).encode());
    return new ExecContainer() {
      @Override
      public String id() {
        return "c1";
      }

      @Override
      public Map<String, String> eventAttributes() {
        return Map.of();
      }

      @Override
      public boolean running() {
        return true;
      }

      @Override
      public boolean paused() {
        return false;
      }

      @Override
      public Path runtimeConfig() {
        return config;
      }

      @Override
      public ProcessUser resolveUser(String user) {
        assertEquals("berth", user);
        return new ProcessUser(1000, 1000, List.of(50, 1000), "/home/berth");
      }

      @Override
      public String runtimePath() {
        return "runc";
      }

      @Override
      public List<String> runtimeArgs() {
        return List.of();
      }
    };
  }

  @Test
  void plainExecKeepsTheContainersProcessButTheCommand() throws Exception {
    ExecConfig config = new ExecConfig();
    config.cmd = List.of("ls", "-l");
    JsonObject p = ExecProcessSpec.build(container(), config, 0, 0);
    assertEquals(new JsonArray(List.of("ls", "-l")), p.getJsonArray("args"));
    assertFalse(p.getBoolean("terminal"));
    assertEquals("/", p.getString("cwd"));
    assertEquals(0, p.getJsonObject("user").getInteger("uid"));
    assertEquals(new JsonArray(List.of("PATH=/bin", "BASE=1")), p.getJsonArray("env"));
    assertEquals(new JsonArray(List.of("CAP_CHOWN")), p.getJsonObject("capabilities").getJsonArray("bounding"));
    assertFalse(p.containsKey("consoleSize"));
  }

  @Test
  void envOverridesKeyByKeyAndTtyAddsTerm() throws Exception {
    ExecConfig config = new ExecConfig();
    config.cmd = List.of("sh");
    config.tty = true;
    config.env = List.of("BASE=2", "NEW=x");
    JsonObject p = ExecProcessSpec.build(container(), config, 30, 100);
    assertEquals(new JsonArray(List.of("PATH=/bin", "BASE=2", "TERM=xterm", "NEW=x")), p.getJsonArray("env"));
    assertTrue(p.getBoolean("terminal"));
    assertEquals(new JsonObject().put("height", 30).put("width", 100), p.getJsonObject("consoleSize"));
  }

  @Test
  void userWorkdirAndPrivileges() throws Exception {
    ExecConfig config = new ExecConfig();
    config.cmd = List.of("id");
    config.user = "berth";
    config.workingDir = "/tmp";
    config.privileged = true;
    JsonObject p = ExecProcessSpec.build(container(), config, 0, 0);
    assertEquals(
        new JsonObject().put("uid", 1000).put("gid", 1000).put("additionalGids", new JsonArray(List.of(1000, 50))),
        p.getJsonObject("user"));
    assertEquals("/tmp", p.getString("cwd"));
    JsonArray bounding = p.getJsonObject("capabilities").getJsonArray("bounding");
    assertTrue(bounding.contains("CAP_SYS_ADMIN") && bounding.contains("CAP_NET_ADMIN"));
    assertEquals(bounding, p.getJsonObject("capabilities").getJsonArray("effective"));
    assertFalse(p.getBoolean("noNewPrivileges"));
  }
}
