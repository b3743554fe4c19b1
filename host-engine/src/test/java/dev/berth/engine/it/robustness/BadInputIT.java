package dev.berth.engine.it.robustness;

import static dev.berth.engine.it.robustness.Checks.inspect;
import static dev.berth.engine.it.robustness.Checks.ok;
import static dev.berth.engine.it.robustness.Checks.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.it.Cli;
import dev.berth.engine.it.TestEngine;
import dev.berth.engine.it.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input through the CLI and the raw API: Docker's error, status and exit code, and after
 * each refusal nothing half-done (the same containers in the same states, the same mounts under
 * the engine's roots).
 */
class BadInputIT {

  private static final String CREATE = "/v1.41/containers/create";

  private static String body(TestEngine e) {
    return "{\"Image\":\"" + TestImages.busybox(e) + "\",\"Cmd\":[\"true\"]}";
  }

  /** A raw create that must fail with a JSON {"message"} and create nothing. */
  private static void refusedCreate(TestEngine e, String query, String json, int expectedStatus, String messagePart) {
    Checks.Snapshot before = Checks.Snapshot.of(e);
    Cli.Result r = Checks.curl(e, "POST", CREATE + query, json);
    assertEquals(expectedStatus, status(r), r::toString);
    assertTrue(r.out().startsWith("{\"message\":\""), r::toString);
    assertTrue(r.out().contains(messagePart), r::toString);
    before.assertUnchanged(e, "POST " + CREATE + query + " " + json);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void malformedJsonIsRefused(TestEngine e) {
    TestImages.busybox(e);
    // dockerd 20.10 (the reference here) answers undecodable bodies with 500; Docker 23+ and Berth with 400
    int status = e.isBerth() ? 400 : 500;
    String name = "?name=" + Checks.unique("mal");
    refusedCreate(e, name, "{\"Image\": ", status, "");
    refusedCreate(e, name, "[]", status, "");
    refusedCreate(e, name, "not json", status, "");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void wronglyTypedFieldsAreRefused(TestEngine e) {
    TestImages.busybox(e);
    int status = e.isBerth() ? 400 : 500;
    String name = "?name=" + Checks.unique("typ");
    // dockerd: "json: cannot unmarshal number into Go struct field ContainerConfigWrapper.Image of type string"
    refusedCreate(e, name, "{\"Image\": 5, \"Cmd\":[\"true\"]}", status, "Image");
    // dockerd: "json: cannot unmarshal string into Go struct field HostConfig.HostConfig.Memory of type int64"
    refusedCreate(e, name, "{\"Image\":\"" + TestImages.busybox(e) + "\",\"HostConfig\":{\"Memory\":\"x\"}}", status, "Memory");
    // dockerd: "json: cannot unmarshal string into Go struct field ContainerConfigWrapper.Tty of type bool"
    refusedCreate(e, name, "{\"Image\":\"" + TestImages.busybox(e) + "\",\"Tty\":\"yes\"}", status, "Tty");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void unknownImageCreatesNothing(TestEngine e) {
    TestImages.busybox(e);
    Checks.Snapshot before = Checks.Snapshot.of(e);
    String missing = Checks.unique("nope") + ":1";
    // --pull=never: there is no Docker Hub here, and tests must not try to reach it
    Cli.Result create = e.docker("create", "--pull=never", missing);
    assertEquals(1, create.exit(), create::toString);
    assertEquals("Error response from daemon: No such image: " + missing, create.err().strip(), create::toString);
    Cli.Result run = e.docker("run", "--pull=never", missing);
    assertEquals(125, run.exit(), run::toString);
    assertTrue(run.err().contains("No such image: " + missing), run::toString);
    // the default pull policy tries a registry: a closed port on loopback fails it at once
    Cli.Result pull = e.docker("create", "127.0.0.1:1/" + missing);
    assertEquals(1, pull.exit(), pull::toString);
    assertTrue(pull.err().contains("Unable to find image '127.0.0.1:1/" + missing + "' locally"), pull::toString);
    assertTrue(pull.err().contains("connection refused"), pull::toString);
    Cli.Result api = Checks.curl(e, "POST", CREATE, "{\"Image\":\"" + missing + "\"}");
    assertEquals(404, status(api), api::toString);
    assertTrue(api.out().startsWith("{\"message\":\"No such image: " + missing + "\"}"), api::toString);
    before.assertUnchanged(e, "unknown images");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void duplicateAndInvalidNamesAreRefused(TestEngine e) {
    String n = Checks.unique("dup");
    String id = ok(e, "create", "--name", n, TestImages.busybox(e), "true").outTrim();
    Checks.Snapshot before = Checks.Snapshot.of(e);
    String conflict =
        "Conflict. The container name \\\"/" + n + "\\\" is already in use by container \\\"" + id
            + "\\\". You have to remove (or rename) that container to be able to reuse that name.";
    refusedCreate(e, "?name=" + n, body(e), 409, conflict);
    Cli.Result cli = e.docker("create", "--name", n, TestImages.busybox(e), "true");
    assertEquals(1, cli.exit(), cli::toString);
    assertTrue(cli.err().contains(conflict.replace("\\\"", "\"")), cli::toString);
    for (String bad : List.of("a", "_x", ".x", "x y", "ab/c", "b@d")) {
      Cli.Result r = e.docker("create", "--name", bad, TestImages.busybox(e), "true");
      assertEquals(1, r.exit(), r::toString);
      assertEquals(
          "Error response from daemon: Invalid container name (" + bad + "), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed",
          r.err().strip(), r::toString);
    }
    refusedCreate(e, "?name=%2F", body(e), 400, "Invalid container name (/)");
    before.assertUnchanged(e, "duplicate and invalid names");
    ok(e, "rm", n);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void bindsOfMissingPaths(TestEngine e) throws Exception {
    String image = TestImages.busybox(e);
    Path dir = Path.of("/tmp", Checks.unique("qa-bind"));
    try {
      Checks.Snapshot before = Checks.Snapshot.of(e);
      // --mount type=bind refuses a missing source
      Cli.Result mount = e.docker("run", "--rm", "--mount", "type=bind,source=" + dir + ",target=/x", image, "true");
      assertEquals(125, mount.exit(), mount::toString);
      assertTrue(mount.err().contains("invalid mount config for type \"bind\": bind source path does not exist: " + dir), mount::toString);
      assertFalse(Files.exists(dir));
      before.assertUnchanged(e, "--mount of a missing path");
      // -v (the legacy Binds) creates the missing host directory, as dockerd always has
      Cli.Result v = e.docker("run", "--rm", "-v", dir.resolve("sub") + ":/x", image, "sh", "-c", "echo hi > /x/f");
      assertEquals(0, v.exit(), v::toString);
      assertTrue(Files.isDirectory(dir.resolve("sub")));
      assertEquals("hi\n", Files.readString(dir.resolve("sub/f")));
      Checks.eventually("the --rm container gone", 20, () -> Checks.Snapshot.of(e).equals(before));
    } finally {
      Cli.run("rm", "-rf", dir.toString());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void operationsOnAStoppedContainer(TestEngine e) {
    String n = Checks.unique("stopped");
    String id = ok(e, "create", "--name", n, TestImages.busybox(e), "true").outTrim();
    Checks.Snapshot before = Checks.Snapshot.of(e);

    Cli.Result exec = e.docker("exec", n, "true");
    assertEquals(1, exec.exit(), exec::toString);
    assertEquals("Error response from daemon: Container " + id + " is not running", exec.err().strip());
    Cli.Result execApi = Checks.curl(e, "POST", "/v1.41/containers/" + n + "/exec", "{\"Cmd\":[\"true\"]}");
    assertEquals(409, status(execApi), execApi::toString);

    Cli.Result kill = e.docker("kill", n);
    assertEquals(1, kill.exit(), kill::toString);
    assertEquals("Error response from daemon: Cannot kill container: " + n + ": Container " + id + " is not running", kill.err().strip());
    assertEquals(409, status(Checks.curl(e, "POST", "/v1.41/containers/" + n + "/kill", null)));

    // stopping a stopped container is a 304: the CLI prints the name and succeeds
    Cli.Result stop = e.docker("stop", n);
    assertEquals(0, stop.exit(), stop::toString);
    assertEquals(n, stop.outTrim());
    Cli.Result stopApi = Checks.curl(e, "POST", "/v1.41/containers/" + n + "/stop", null);
    assertEquals(" 304", stopApi.out(), stopApi::toString);
    assertEquals("created 0", inspect(e, n, "{{.State.Status}} {{.State.ExitCode}}"));
    before.assertUnchanged(e, "exec, kill and stop of a stopped container");
    ok(e, "rm", n);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void operationsOnARunningContainer(TestEngine e) {
    String n = Checks.unique("running");
    String id = ok(e, "run", "-d", "--name", n, TestImages.busybox(e), "sleep", "1000").outTrim();
    String state = inspect(e, n, "{{.State.Pid}} {{.State.StartedAt}}");
    Checks.Snapshot before = Checks.Snapshot.of(e);

    // starting a started container is a 304: the CLI prints the name and succeeds
    Cli.Result start = e.docker("start", n);
    assertEquals(0, start.exit(), start::toString);
    assertEquals(n, start.outTrim());
    assertEquals("", start.err());
    Cli.Result startApi = Checks.curl(e, "POST", "/v1.41/containers/" + n + "/start", null);
    assertEquals(" 304", startApi.out(), startApi::toString);
    assertEquals(state, inspect(e, n, "{{.State.Pid}} {{.State.StartedAt}}"), "a second start changes nothing");

    Cli.Result rm = e.docker("rm", n);
    assertEquals(1, rm.exit(), rm::toString);
    assertTrue(rm.err().startsWith("Error response from daemon: "), rm::toString);
    assertTrue(rm.err().contains("running") && rm.err().contains("force"), rm::toString);
    Cli.Result rmApi = Checks.curl(e, "DELETE", "/v1.41/containers/" + n, null);
    assertEquals(409, status(rmApi), rmApi::toString);
    assertEquals("running true " + state, inspect(e, n, "{{.State.Status}} {{.State.Running}} {{.State.Pid}} {{.State.StartedAt}}"));
    before.assertUnchanged(e, "start and rm of a running container");
    ok(e, "rm", "-f", id);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void startStopKillRaceEndsConsistent(TestEngine e) throws Exception {
    String n = Checks.unique("race");
    Checks.Snapshot before = Checks.Snapshot.of(e);
    ok(e, "create", "--name", n, TestImages.busybox(e), "sleep", "1000");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      for (int round = 0; round < 3; round++) {
        List<Future<Cli.Result>> results = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
          results.add(pool.submit(() -> e.docker("start", n)));
          results.add(pool.submit(() -> e.docker("stop", "-t", "0", n)));
          results.add(pool.submit(() -> e.docker("kill", n)));
          results.add(pool.submit(() -> e.docker("restart", "-t", "0", n)));
        }
        List<String> unexpected = new ArrayList<>();
        for (Future<Cli.Result> f : results) {
          Cli.Result r = f.get();
          // each call either wins or loses cleanly (kill of a stopped container is a 409)
          if (!r.ok() && !r.err().contains("is not running")) {
            unexpected.add(r.toString());
          }
        }
        assertConsistent(e, n);
        assertEquals(List.of(), unexpected, "calls that neither won nor lost cleanly");
      }
    } finally {
      pool.shutdown();
    }
    ok(e, "rm", "-f", n);
    Checks.eventually("all cleaned up", 20, () -> Checks.Snapshot.of(e).equals(before));
  }

  /** inspect, ps and the mount table tell the same story about a container. */
  private static void assertConsistent(TestEngine e, String n) {
    String state = inspect(e, n, "{{.State.Status}} {{.State.Running}} {{.State.Pid}}");
    String id = inspect(e, n, "{{.Id}}");
    String ps = ok(e, "ps", "-a", "--filter", "id=" + id, "--format", "{{.State}}").outTrim();
    String[] parts = state.split(" ");
    assertEquals(parts[0], ps, "inspect says " + state + ", ps says " + ps);
    boolean running = parts[0].equals("running");
    assertEquals(running, Boolean.parseBoolean(parts[1]), state);
    assertEquals(running, !parts[2].equals("0"), state);
    assertEquals(running, e.docker("top", n).ok(), "top works exactly when it runs: " + state);
    if (running) {
      assertTrue(Files.exists(Path.of("/proc", parts[2])), "the container's pid " + parts[2] + " is alive");
    } else {
      assertTrue(parts[0].equals("exited"), state);
    }
  }
}
