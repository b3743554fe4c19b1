package dev.berth.engine.it.robustness;

import static dev.berth.engine.it.robustness.Checks.inspect;
import static dev.berth.engine.it.robustness.Checks.ok;
import static dev.berth.engine.it.robustness.Checks.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.it.Cli;
import dev.berth.engine.it.TestEngine;
import dev.berth.engine.it.TestImages;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad query parameters and bodies on the container routes get dockerd's status and message and
 * change nothing; list filters select like dockerd's.
 */
class BadParametersIT {

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void badParametersGetDockersStatusAndMessage(TestEngine e) {
    String image = TestImages.busybox(e);
    String run = Checks.unique("param-run");
    String other = Checks.unique("param-other");
    ok(e, "run", "-d", "--name", run, image, "sleep", "1000");
    String otherId = ok(e, "create", "--name", other, image, "true").outTrim();
    String img = "{\"Image\":\"" + image + "\",\"Cmd\":[\"true\"],\"HostConfig\":";
    // method, path, body, status, message (Docker 28 words some of them in lower case)
    List<String[]> cases =
        List.of(
            new String[] {"POST", "/containers/" + run + "/kill?signal=BOGUS", null, "400", "Invalid signal: BOGUS"},
            new String[] {"GET", "/containers/json?filters={\"bogus\":[\"x\"]}", null, "400", "invalid filter 'bogus'"},
            new String[] {"GET", "/containers/json?filters={\"status\":[\"bogus\"]}", null, "400", "invalid filter 'status=bogus'"},
            new String[] {"GET", "/images/json?filters={\"bogus\":[\"x\"]}", null, "400", "invalid filter 'bogus'"},
            new String[] {"GET", "/containers/" + run + "/logs", null, "400", "Bad parameters: you must choose at least one stream"},
            new String[] {"POST", "/containers/" + run + "/rename?name=b@d", null, "400",
                "Error when allocating new name: Invalid container name (/b@d), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed"},
            new String[] {"POST", "/containers/" + run + "/rename?name=" + other, null, "409",
                "Error when allocating new name: Conflict. The container name \\\"/" + other + "\\\" is already in use by container \\\""
                    + otherId + "\\\""},
            new String[] {"POST", "/containers/" + run + "/rename", null, "400", "Neither old nor new names may be empty"},
            new String[] {"POST", "/containers/" + run + "/exec", "{\"Cmd\":", "400", ""},
            new String[] {"GET", "/containers/nope-" + run + "/json", null, "404", "No such container: nope-" + run},
            new String[] {"DELETE", "/containers/nope-" + run, null, "404", "No such container: nope-" + run},
            new String[] {"POST", "/containers/" + other + "/pause", null, "409", "Container " + otherId + " is not running"},
            new String[] {"POST", "/containers/create", img + "{\"RestartPolicy\":{\"Name\":\"bogus\"}}}", "400", "invalid restart policy 'bogus'"},
            new String[] {"POST", "/containers/create", img + "{\"CapAdd\":[\"NOT_A_CAP\"]}}", "400",
                "invalid CapAdd: unknown capability: \\\"CAP_NOT_A_CAP\\\""},
            new String[] {"POST", "/containers/create", img + "{\"Memory\":1024}}", "400", "Minimum memory limit allowed is 6MB"});
    try {
      Checks.Snapshot before = Checks.Snapshot.of(e);
      for (String[] c : cases) {
        Cli.Result r =
            c[2] == null
                ? Cli.run("curl", "-g", "-s", "-X", c[0], "-w", " %{http_code}", "--unix-socket", e.socket().toString(), "http://x/v1.41" + c[1])
                : Checks.curl(e, c[0], "/v1.41" + c[1], c[2]);
        assertEquals(Integer.parseInt(c[3]), status(r), r::toString);
        assertTrue(r.out().startsWith("{\"message\":\""), r::toString);
        assertTrue(r.out().toLowerCase().contains(c[4].toLowerCase()), () -> "expected \"" + c[4] + "\" in " + r);
      }
      before.assertUnchanged(e, "bad parameters");
      assertEquals("running", inspect(e, run, "{{.State.Status}}"));
    } finally {
      ok(e, "rm", "-f", run, other);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void psNameFilterIsARegexOverTheBareName(TestEngine e) {
    String n = Checks.unique("anchored");
    String id = ok(e, "create", "--name", n, TestImages.busybox(e), "true").outTrim();
    ok(e, "create", "--name", n + "0", TestImages.busybox(e), "true");
    try {
      // scripts check for one container with `--filter name=^x$`; dockerd matches without the "/"
      assertEquals(id, ok(e, "ps", "-aq", "--no-trunc", "--filter", "name=^" + n + "$").outTrim());
      assertEquals(id, ok(e, "ps", "-aq", "--no-trunc", "--filter", "name=^/" + n + "$").outTrim());
    } finally {
      ok(e, "rm", n, n + "0");
    }
  }
}
