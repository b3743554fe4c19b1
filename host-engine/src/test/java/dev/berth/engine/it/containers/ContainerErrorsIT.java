package dev.berth.engine.it.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.it.Cli;
import dev.berth.engine.it.TestEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input gets Docker's error and exit code, and changes nothing. */
class ContainerErrorsIT {

  private static int count(TestEngine e) {
    String out = Ctr.ok(e, "ps", "-aq").outTrim();
    return out.isEmpty() ? 0 : out.split("\n").length;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void startFailuresMapToExitCodes(TestEngine e) {
    Cli.Result notFound = e.docker("run", "-d", "--rm", Ctr.image(e), "nope");
    assertEquals(127, notFound.exit(), notFound::toString);
    assertTrue(notFound.err().contains("exec: \"nope\": executable file not found in $PATH"), notFound::toString);
    Cli.Result notExecutable = e.docker("run", "-d", "--rm", Ctr.image(e), "/etc/passwd");
    assertEquals(126, notExecutable.exit(), notExecutable::toString);
    assertTrue(notExecutable.err().contains("permission denied"), notExecutable::toString);
    Cli.Result missingPath = e.docker("run", "-d", "--rm", Ctr.image(e), "/no/such/binary");
    assertEquals(127, missingPath.exit(), missingPath::toString);
    Cli.Result badFlag = e.docker("run", "-d", "--name", "b@d", Ctr.image(e), "true");
    assertEquals(125, badFlag.exit(), badFlag::toString);

    // attached, as most people run it: the CLI attaches and waits before the failing start
    Cli.Result attached = e.docker("run", "--rm", Ctr.image(e), "nope");
    assertEquals(127, attached.exit(), attached::toString);
    assertTrue(attached.err().contains("executable file not found in $PATH"), attached::toString);
    Cli.Result attachedDenied = e.docker("run", "--rm", Ctr.image(e), "/etc");
    assertEquals(126, attachedDenied.exit(), attachedDenied::toString);

    String n = Ctr.name("failed");
    Cli.Result kept = e.docker("run", "-d", "--name", n, Ctr.image(e), "nope");
    assertEquals(127, kept.exit(), kept::toString);
    assertEquals("created 127", Ctr.inspect(e, n, "{{.State.Status}} {{.State.ExitCode}}"));
    assertTrue(Ctr.inspect(e, n, "{{.State.Error}}").contains("executable file not found"));
    Ctr.ok(e, "rm", n);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void badCreateRequestsChangeNothing(TestEngine e) {
    Ctr.image(e);
    int before = count(e);
    Cli.Result malformed = Ctr.curl(e, "POST", "/v1.41/containers/create", "{\"Image\": ");
    // dockerd 20.10 answers truncated JSON with a 500 ("unexpected EOF"); newer ones and Berth say 400
    assertTrue(malformed.out().endsWith(e.isBerth() ? " 400" : " 500"), malformed::toString);
    assertTrue(malformed.out().contains("\"message\""), malformed::toString);

    Cli.Result unknownImage = Ctr.curl(e, "POST", "/v1.41/containers/create", "{\"Image\":\"nosuchimage:1\",\"Cmd\":[\"true\"]}");
    assertTrue(unknownImage.out().endsWith(" 404"), unknownImage::toString);
    assertTrue(unknownImage.out().contains("No such image: nosuchimage:1"), unknownImage::toString);

    Cli.Result badName = Ctr.curl(e, "POST", "/v1.41/containers/create?name=b@d", "{\"Image\":\"" + Ctr.image(e) + "\",\"Cmd\":[\"true\"]}");
    assertTrue(badName.out().endsWith(" 400"), badName::toString);
    assertTrue(badName.out().contains("Invalid container name (b@d), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed"), badName::toString);

    Cli.Result badMount = e.docker("create", "--mount", "type=bind,source=/nonexistent-berth-path,target=/x", Ctr.image(e), "true");
    assertEquals(1, badMount.exit(), badMount::toString);
    assertTrue(badMount.err().contains("bind source path does not exist: /nonexistent-berth-path"), badMount::toString);
    assertFalse(java.nio.file.Files.exists(java.nio.file.Path.of("/nonexistent-berth-path")));

    Cli.Result badWorkdir = Ctr.curl(e, "POST", "/v1.41/containers/create", "{\"Image\":\"" + Ctr.image(e) + "\",\"Cmd\":[\"true\"],\"WorkingDir\":\"rel\"}");
    assertTrue(badWorkdir.out().endsWith(" 400"), badWorkdir::toString);
    assertEquals(before, count(e), "no container was left behind");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void duplicateNameIsAConflict(TestEngine e) {
    String n = Ctr.name("dup");
    String id = Ctr.ok(e, "create", "--name", n, Ctr.image(e), "true").outTrim();
    int before = count(e);
    Cli.Result dup = e.docker("create", "--name", n, Ctr.image(e), "true");
    assertEquals(1, dup.exit(), dup::toString);
    assertTrue(
        dup.err().contains("Conflict. The container name \"/" + n + "\" is already in use by container \"" + id
            + "\". You have to remove (or rename) that container to be able to reuse that name."),
        dup::toString);
    assertEquals(before, count(e));
    Ctr.ok(e, "rm", n);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void startStopRaceLeavesAConsistentState(TestEngine e) throws Exception {
    String n = Ctr.name("race");
    Ctr.ok(e, "create", "--name", n, Ctr.image(e), "sleep", "100");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Cli.Result>> results = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        results.add(pool.submit(() -> e.docker("start", n)));
        results.add(pool.submit(() -> e.docker("stop", "-t", "0", n)));
      }
      for (Future<Cli.Result> f : results) {
        Cli.Result r = f.get();
        assertTrue(r.ok() || r.err().contains("is not running"), r::toString);
      }
    } finally {
      pool.shutdown();
    }
    String status = Ctr.inspect(e, n, "{{.State.Status}} {{.State.Running}}");
    assertTrue(status.equals("running true") || status.equals("exited false"), status);
    Cli.Result top = e.docker("top", n);
    assertEquals(status.startsWith("running"), top.ok(), top::toString);
    Ctr.ok(e, "start", n);
    Ctr.ok(e, "stop", "-t", "0", n);
    assertEquals("exited false", Ctr.inspect(e, n, "{{.State.Status}} {{.State.Running}}"));
    Ctr.ok(e, "rm", n);
  }
}
