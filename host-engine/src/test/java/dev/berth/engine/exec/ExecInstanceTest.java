package dev.berth.engine.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExecInstanceTest {

  private static ExecInstance exec(List<String> cmd) {
    ExecConfig config = new ExecConfig();
    config.cmd = cmd;
    config.attachStdout = true;
    config.user = "berth";
    return new ExecInstance("e1", "c1", config);
  }

  @Test
  void eventActionIsEntrypointSpaceArgumentsLikeDockerd() {
    assertEquals("sh -c exit 4", exec(List.of("sh", "-c", "exit 4")).commandLine());
    assertEquals("ls ", exec(List.of("ls")).commandLine(), "dockerd leaves the space before empty arguments");
  }

  @Test
  void inspectBeforeAndAfterTheRun() {
    ExecInstance e = exec(List.of("sh", "-c", "true"));
    JsonObject before = e.toJson();
    assertFalse(before.getBoolean("Running"));
    assertNull(before.getValue("ExitCode"));
    assertTrue(before.containsKey("ExitCode"), "ExitCode is null, not absent, until the exit");
    assertEquals("sh", before.getJsonObject("ProcessConfig").getString("entrypoint"));
    assertEquals(new JsonArray(List.of("-c", "true")), before.getJsonObject("ProcessConfig").getJsonArray("arguments"));
    assertEquals("berth", before.getJsonObject("ProcessConfig").getString("user"));
    assertTrue(before.getBoolean("OpenStdout"));
    assertEquals("c1", before.getString("ContainerID"));
    assertTrue(e.claim());
    assertFalse(e.claim(), "one start only");
    e.markStarted(42);
    assertTrue(e.toJson().getBoolean("Running"));
    assertEquals(42, e.toJson().getInteger("Pid"));
    e.markExited(3);
    assertFalse(e.toJson().getBoolean("Running"));
    assertEquals(3, e.toJson().getInteger("ExitCode"));
    assertTrue(e.hasRun());
  }
}
