package dev.berth.engine.it.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.events.EventLog;
import dev.berth.engine.exec.ExecBackend;
import dev.berth.engine.exec.ExecConfig;
import dev.berth.engine.exec.ExecContainer;
import dev.berth.engine.exec.ExecInstance;
import dev.berth.engine.exec.ExecService;
import dev.berth.engine.it.Cli;
import dev.berth.engine.streams.ConmonAttachSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layers under attach and exec, against real conmon and runc with a busybox bundle: the
 * attach socket's packets and half-close, and an exec through conmon's pipes.
 */
class ConmonStreamsIT {

  private static Path base;
  private static Path runcRoot;

  @BeforeAll
  static void bundle() throws Exception {
    base = Files.createTempDirectory(Path.of("/tmp"), "bsx-");
    runcRoot = base.resolve("runc");
    Path rootfs = base.resolve("b/rootfs");
    Files.createDirectories(rootfs.resolve("bin"));
    Files.createDirectories(rootfs.resolve("etc"));
    for (String d : List.of("proc", "sys", "dev", "tmp")) {
      Files.createDirectories(rootfs.resolve(d));
    }
    Files.setPosixFilePermissions(rootfs.resolve("tmp"), java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
    Files.copy(Path.of("/bin/busybox"), rootfs.resolve("bin/busybox"));
    for (String applet : List.of("sh", "cat", "echo", "id", "pwd", "sleep", "env")) {
      Files.createSymbolicLink(rootfs.resolve("bin/" + applet), Path.of("busybox"));
    }
    Files.writeString(rootfs.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000::/home/app:/bin/sh\n");
    Cli.must("runc", "spec", "--bundle", base.resolve("b").toString());
  }

  @AfterAll
  static void clean() {
    Cli.run("rm", "-rf", base.toString());
  }

  private static void config(List<String> args) throws Exception {
    Path cfg = base.resolve("b/config.json");
    JsonObject c = new JsonObject(Files.readString(cfg));
    c.getJsonObject("process").put("terminal", false).put("args", new JsonArray(args));
    c.getJsonObject("root").put("readonly", false);
    Files.writeString(cfg, c.encodePrettily());
  }

  /** conmon + runc create, as the runtime does; the container waits for runc start. */
  private static void create(String id, boolean stdin) throws Exception {
    Files.createDirectories(base.resolve("exits"));
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "conmon", "--api-version", "1", "-c", id, "-u", id, "-n", id, "-r", "/usr/sbin/runc",
                "-b", base.resolve("b").toString(), "-p", base.resolve("pid-" + id).toString(),
                "--exit-dir", base.resolve("exits").toString(), "--persist-dir", base.resolve("b").toString(),
                "--full-attach", "-l", "k8s-file:" + base.resolve(id + ".log"),
                "--conmon-pidfile", base.resolve("conmon-" + id).toString(),
                "--runtime-arg", "--root=" + runcRoot));
    if (stdin) {
      cmd.add("-i");
    }
    Cli.Result r = Cli.run(cmd, null, Map.of(), Cli.DEFAULT_TIMEOUT);
    assertEquals(0, r.exit(), r.toString());
    // conmon forks away before runc create is done; runc writes the pid file at its end
    waitFor(base.resolve("pid-" + id));
  }

  private static void waitFor(Path file) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 20_000;
    while (!Files.exists(file)) {
      assertTrue(System.currentTimeMillis() < deadline, "no " + file);
      Thread.sleep(20);
    }
  }

  @Test
  void attachSocketCarriesOutputStdinAndHalfClose() throws Exception {
    config(List.of("sh", "-c", "echo out1; echo err1 >&2; cat; echo done"));
    create("att1", true);
    ConmonAttachSocket socket = ConmonAttachSocket.connect(base.resolve("b/attach"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CountDownLatch ended = new CountDownLatch(1);
    socket.readInto(
        "att1",
        new ConmonAttachSocket.Output() {
          @Override
          public void data(int stream, byte[] data) {
            (stream == 1 ? out : err).writeBytes(data);
          }

          @Override
          public void end() {
            ended.countDown();
          }
        });
    socket.write("before start\n".getBytes(StandardCharsets.UTF_8));
    Cli.must("runc", "--root", runcRoot.toString(), "start", "att1");
    socket.write("after\n".getBytes(StandardCharsets.UTF_8));
    socket.closeInput();
    assertTrue(ended.await(20, TimeUnit.SECONDS), "conmon closes the socket when the process exits");
    socket.close();
    assertEquals("out1\nbefore start\nafter\ndone\n", out.toString(StandardCharsets.UTF_8));
    assertEquals("err1\n", err.toString(StandardCharsets.UTF_8));
    waitFor(base.resolve("exits/att1"));
    Thread.sleep(50);
    assertEquals("0", Files.readString(base.resolve("exits/att1")).trim());
    Cli.run("runc", "--root", runcRoot.toString(), "delete", "-f", "att1");
  }

  @Test
  void detachedExecRecordsPidAndExitCode() throws Exception {
    config(List.of("sleep", "60"));
    create("ex1", false);
    Cli.must("runc", "--root", runcRoot.toString(), "start", "ex1");
    try {
      ExecContainer container = new BundleContainer("ex1");
      EventLog events = new EventLog();
      List<String> actions = new ArrayList<>();
      events.subscribe(0, false, e -> actions.add(e.action() + " " + e.attributes().getOrDefault("exitCode", "")));
      ExecService service = new ExecService(ref -> container, events, base.resolve("x"));
      ExecConfig config = new ExecConfig();
      config.cmd = List.of("sh", "-c", "id > /tmp/who; pwd >> /tmp/who; echo $FOO >> /tmp/who; exit 3");
      config.env = List.of("FOO=bar");
      config.user = "app";
      config.workingDir = "/tmp";
      String id = service.create("ex1", config);
      ExecInstance exec = service.get(id);
      assertEquals(null, service.run(service.claim(exec), exec, 0, 0, null, null));
      long deadline = System.currentTimeMillis() + 10_000;
      while (exec.toJson().getInteger("ExitCode") == null && System.currentTimeMillis() < deadline) {
        Thread.sleep(50);
      }
      JsonObject json = exec.toJson();
      assertEquals(3, json.getInteger("ExitCode"), json.encode());
      assertEquals(false, json.getBoolean("Running"));
      assertTrue(json.getInteger("Pid") > 0);
      assertEquals(
          "uid=1000(app) gid=1000 groups=1000\n/tmp\nbar\n",
          Files.readString(base.resolve("b/rootfs/tmp/who")));
      assertEquals(List.of("exec_create: sh -c " + config.cmd.get(2) + " ", "exec_start: sh -c " + config.cmd.get(2) + " ", "exec_die 3"), actions);
    } finally {
      Cli.run("runc", "--root", runcRoot.toString(), "delete", "-f", "ex1");
    }
  }

  /** The container as exec sees it, straight from the bundle. */
  private record BundleContainer(String id) implements ExecContainer {
    @Override
    public Map<String, String> eventAttributes() {
      return Map.of("name", id);
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
      return base.resolve("b/config.json");
    }

    @Override
    public ProcessUser resolveUser(String user) {
      return user.equals("app") ? new ProcessUser(1000, 1000, List.of(), "/home/app") : new ProcessUser(0, 0, List.of(), "/root");
    }

    @Override
    public String runtimePath() {
      return "/usr/sbin/runc";
    }

    @Override
    public List<String> runtimeArgs() {
      return List.of("--root=" + runcRoot);
    }
  }
}
