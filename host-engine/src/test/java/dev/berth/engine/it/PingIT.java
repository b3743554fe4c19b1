package dev.berth.engine.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The daemon answers the CLI's version negotiation and system calls like dockerd. */
class PingIT {

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void versionNegotiatesCurrentApi(TestEngine engine) {
    Cli.Result r = engine.docker("version", "--format", "{{.Server.APIVersion}} {{.Server.MinAPIVersion}} {{.Server.Os}}");
    assertTrue(r.ok(), r::toString);
    String[] parts = r.outTrim().split(" ");
    // dockerd 20.10 speaks 1.41, Berth 1.51; both accept clients down to 1.12/1.24
    assertTrue(Double.parseDouble(parts[0]) >= 1.41, r::toString);
    assertEquals("linux", parts[2], r::toString);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void infoReportsDataRoot(TestEngine engine) {
    Cli.Result r = engine.docker("info", "--format", "{{.DockerRootDir}} {{.OSType}}");
    assertTrue(r.ok(), r::toString);
    assertEquals(engine.dataRoot() + " linux", r.outTrim(), r::toString);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void unknownRouteIs404WithMessage(TestEngine engine) {
    Cli.Result r = Cli.run("curl", "-s", "-w", " %{http_code}", "--unix-socket", engine.socket().toString(), "http://x/v1.41/nope");
    assertTrue(r.out().endsWith(" 404"), r::toString);
    assertTrue(r.out().contains("\"message\""), r::toString);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void socketIsRootOnly(TestEngine engine) {
    Cli.Result r = Cli.run("stat", "-c", "%a %U %G", engine.socket().toString());
    // dockerd hands the socket to the "docker" group when it exists; Berth keeps it root's
    String expected = engine.isBerth() ? "660 root root" : "660 root";
    assertTrue(r.outTrim().startsWith(expected), r::toString);
  }
}
