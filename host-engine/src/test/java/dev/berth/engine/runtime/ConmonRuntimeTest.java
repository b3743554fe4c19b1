package dev.berth.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.runtime.conmon.ConmonRuntime;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real conmon and runc with a hand-made busybox rootfs (no image store involved). */
class ConmonRuntimeTest {

  private static Path dir;
  private static ConmonRuntime runtime;
  private static final ConcurrentHashMap<String, CompletableFuture<Void>> EXITS = new ConcurrentHashMap<>();

  @BeforeAll
  static void setUp() throws IOException {
    dir = Files.createTempDirectory(Path.of("/tmp"), "crt-");
    Path bin = Files.createDirectories(dir.resolve("rootfs/bin"));
    Files.copy(Path.of("/bin/busybox"), bin.resolve("busybox"));
    for (String applet : List.of("sh", "sleep", "echo", "true")) {
      Files.createSymbolicLink(bin.resolve(applet), Path.of("busybox"));
    }
    runtime = new ConmonRuntime("conmon", "runc", dir.resolve("runc"), dir.resolve("exits"));
    runtime.watchExits(id -> EXITS.computeIfAbsent(id, k -> new CompletableFuture<>()).complete(null));
  }

  @AfterAll
  static void tearDown() {
    Commands.run(List.of("rm", "-rf", dir.toString()));
  }

  private static Path bundle(String id, String... args) throws IOException {
    Path b = Files.createDirectories(dir.resolve("b-" + id));
    JsonObject spec =
        new JsonObject()
            .put("ociVersion", "1.0.2-dev")
            .put("process", new JsonObject()
                .put("args", new JsonArray(List.of((Object[]) args)))
                .put("env", new JsonArray().add("PATH=/bin"))
                .put("cwd", "/")
                .put("user", new JsonObject().put("uid", 0).put("gid", 0)))
            .put("root", new JsonObject().put("path", dir.resolve("rootfs").toString()))
            .put("mounts", new JsonArray().add(new JsonObject().put("destination", "/proc").put("type", "proc").put("source", "proc")))
            .put("linux", new JsonObject().put("namespaces", new JsonArray()
                .add(new JsonObject().put("type", "pid")).add(new JsonObject().put("type", "mount"))));
    Files.writeString(b.resolve("config.json"), spec.encode());
    return b;
  }

  private static OciRuntime.Created create(String id, String... args) throws IOException {
    Path b = bundle(id, args);
    EXITS.computeIfAbsent(id, k -> new CompletableFuture<>());
    return runtime.create(new OciRuntime.CreateRequest(id, id, b, b.resolve("log"), false, false, false));
  }

  @Test
  void runsAContainerAndRecordsItsExit() throws Exception {
    OciRuntime.Created created = create("rt-exit", "sh", "-c", "echo out; exit 7");
    assertTrue(created.pid() > 0);
    assertTrue(runtime.monitorAlive("rt-exit", created.monitorPid()));
    assertEquals("created", runtime.state("rt-exit").status());
    assertTrue(Files.exists(runtime.attachSocket(dir.resolve("b-rt-exit"))));
    runtime.start("rt-exit");
    EXITS.get("rt-exit").get(10, TimeUnit.SECONDS);
    assertEquals(7, runtime.exitCode("rt-exit").getAsInt());
    assertTrue(runtime.exitTimeNano("rt-exit") > 0);
    assertTrue(Files.readString(dir.resolve("b-rt-exit/log")).contains(" stdout F out"));
    runtime.delete("rt-exit", true);
    assertNull(runtime.state("rt-exit"));
    runtime.clearExit("rt-exit");
    assertTrue(runtime.exitCode("rt-exit").isEmpty());
  }

  @Test
  void killPauseAndPids() throws Exception {
    create("rt-kill", "sleep", "100");
    runtime.start("rt-kill");
    assertEquals("running", runtime.state("rt-kill").status());
    assertEquals(1, runtime.pids("rt-kill").size());
    runtime.pause("rt-kill");
    assertEquals("paused", runtime.state("rt-kill").status());
    runtime.unpause("rt-kill");
    runtime.kill("rt-kill", 9, false);
    EXITS.get("rt-kill").get(10, TimeUnit.SECONDS);
    assertEquals(137, runtime.exitCode("rt-kill").getAsInt());
    runtime.delete("rt-kill", true);
  }

  @Test
  void creationErrorsCarryRuncsMessageAndLeaveNothing() throws Exception {
    OciRuntimeException e = assertThrows(OciRuntimeException.class, () -> create("rt-bad", "nope"));
    assertEquals(
        "runc create failed: unable to start container process: exec: \"nope\": executable file not found in $PATH",
        e.getMessage());
    assertNull(runtime.state("rt-bad"));
    OciRuntimeException notRunning = assertThrows(OciRuntimeException.class, () -> runtime.start("rt-unknown"));
    assertEquals("container does not exist", notRunning.getMessage());
  }
}
