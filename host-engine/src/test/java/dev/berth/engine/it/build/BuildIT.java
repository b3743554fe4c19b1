package dev.berth.engine.it.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.it.Cli;
import dev.berth.engine.it.TestEngine;
import dev.berth.engine.it.TestImages;
import dev.berth.engine.it.volumes.MountLeaks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** `docker build` with the classic builder (DOCKER_BUILDKIT=0), on Berth and on dockerd alike. */
class BuildIT {

  private static final String DOCKERFILE = """
      # syntax and comments are skipped
      ARG BASE=busybox
      FROM ${BASE} AS build
      ARG GREETING=hello
      ENV APP_HOME=/srv/app
      WORKDIR $APP_HOME
      COPY --chown=berth:berth src/ ./src/
      RUN echo "$GREETING from $(id -un)" > made.txt \\
          && ls src > listing.txt
      USER berth
      RUN whoami > /tmp/who.txt

      FROM busybox
      COPY --from=build /srv/app /app
      COPY --from=build /tmp/who.txt /app/
      LABEL org.example.kind=test
      EXPOSE 8080
      HEALTHCHECK --interval=30s CMD true
      ENTRYPOINT ["sh", "-c"]
      CMD ["cat /app/made.txt /app/who.txt; ls /app/src; ls -n /app/src/a.txt"]
      """;

  private static Cli.Result ok(TestEngine e, String... args) {
    Cli.Result r = e.docker(args);
    assertTrue(r.ok(), r::toString);
    return r;
  }

  private static void write(Path dir, Map<String, String> files) throws IOException {
    for (var f : files.entrySet()) {
      Path p = dir.resolve(f.getKey());
      Files.createDirectories(p.getParent());
      Files.writeString(p, f.getValue());
    }
  }

  /** created_by with COPY's content hashes blanked: those hash the files in each engine's own way. */
  private static List<String> history(TestEngine e, String image, int newest) {
    return ok(e, "history", "--no-trunc", "--format", "{{.CreatedBy}}", image).out().lines()
        .map(l -> l.replaceAll("(file|dir|multi):[0-9a-f]{64}", "$1:H")).limit(newest).toList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void aMultiStageBuildMakesTheImageThatDockerdMakes(TestEngine e, @TempDir Path ctx) throws IOException {
    TestImages.busybox(e);
    List<String> mounts = MountLeaks.under(e);
    String name = "built-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    write(ctx, Map.of("Dockerfile", DOCKERFILE, ".dockerignore", "src/secret.txt\n*.log\n",
        "src/a.txt", "a\n", "src/b.txt", "b\n", "src/secret.txt", "s\n", "debug.log", "l\n"));
    List<String> before = ok(e, "ps", "-aq").out().lines().toList();
    List<String> dangling = ok(e, "images", "-q", "--filter", "dangling=true").out().lines().toList();
    try {
      Cli.Result build = ok(e, "build", "--build-arg", "GREETING=hi", "-t", name, ctx.toString());
      // the step images stay hidden, except the first stage's last one: nothing builds on it
      List<String> newDangling = ok(e, "images", "-q", "--filter", "dangling=true").out().lines()
          .filter(id -> !dangling.contains(id)).toList();
      assertEquals(1, newDangling.size(), newDangling::toString);
      assertTrue(ok(e, "images", "-a", "-q").out().lines().count() > ok(e, "images", "-q").out().lines().count() + 10);
      assertTrue(build.out().contains("Step 2/17 : FROM ${BASE} AS build") && build.out().contains(" ---> Running in ")
          && build.out().contains("Successfully tagged " + name + ":latest"), build::toString);

      // ENV + WORKDIR + USER + build args in RUN, .dockerignore, COPY --chown and --from keep owners
      String run = ok(e, "run", "--rm", "--network", "none", name).out();
      assertTrue(run.startsWith("hi from root\nberth\na.txt\nb.txt\n-rw-r--r--    1 1000     1000 "), run);
      assertEquals("[\"sh\",\"-c\"]|{\"org.example.kind\":\"test\"}|{\"8080/tcp\":{}}|{\"Test\":[\"CMD-SHELL\",\"true\"],\"Interval\":30000000000}||",
          ok(e, "image", "inspect", "--format",
              "{{json .Config.Entrypoint}}|{{json .Config.Labels}}|{{json .Config.ExposedPorts}}|{{json .Config.Healthcheck}}|{{.Config.User}}|{{.Config.WorkingDir}}",
              name).outTrim());
      assertEquals(List.of(
          "/bin/sh -c #(nop)  CMD [\"cat /app/made.txt /app/who.txt; ls /app/src; ls -n /app/src/a.txt\"]",
          "/bin/sh -c #(nop)  ENTRYPOINT [\"sh\" \"-c\"]",
          "/bin/sh -c #(nop)  HEALTHCHECK &{[\"CMD-SHELL\" \"true\"] \"30s\" \"0s\" \"0s\" '\\x00'}",
          "/bin/sh -c #(nop)  EXPOSE 8080",
          "/bin/sh -c #(nop)  LABEL org.example.kind=test",
          "/bin/sh -c #(nop) COPY file:H in /app/ ",
          "/bin/sh -c #(nop) COPY dir:H in /app "), history(e, name, 7));

      // a rebuild takes every step from the cache and gives the same image
      String id = ok(e, "image", "inspect", "--format", "{{.Id}}", name).outTrim();
      Cli.Result again = ok(e, "build", "--build-arg", "GREETING=hi", "-t", name, ctx.toString());
      assertEquals(14, again.out().split(" ---> Using cache", -1).length - 1, again::toString);
      assertEquals(id, ok(e, "image", "inspect", "--format", "{{.Id}}", name).outTrim());

      // the first stage alone (--target), from the cache; and without it
      ok(e, "build", "--target", "build", "--build-arg", "GREETING=hi", "-t", name + "-stage", ctx.toString());
      assertEquals(List.of("/bin/sh -c #(nop)  USER berth",
          "|1 GREETING=hi /bin/sh -c echo \"$GREETING from $(id -un)\" > made.txt     && ls src > listing.txt",
          // dockerd writes the --chown flag glued to the source hash
          "/bin/sh -c #(nop) COPY --chown=berth:berthdir:H in ./src/ ", "/bin/sh -c #(nop) WORKDIR /srv/app", "/bin/sh -c #(nop)  ENV APP_HOME=/srv/app",
          "/bin/sh -c #(nop)  ARG GREETING=hello"), history(e, name + "-stage", 7).subList(1, 7));
      Cli.Result fresh = ok(e, "build", "--no-cache", "--target", "build", "-t", name + "-stage", ctx.toString());
      assertFalse(fresh.out().contains("Using cache"), fresh::toString);
      assertEquals("hello from root", ok(e, "run", "--rm", "--network", "none", "--entrypoint", "cat", name + "-stage",
          "/srv/app/made.txt").outTrim());
      assertEquals(before, ok(e, "ps", "-aq").out().lines().toList(), "intermediate containers are removed");
    } finally {
      e.docker("rmi", name, name + "-stage");
    }
    MountLeaks.assertNoneBeyond(e, mounts);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void aFailingBuildReportsWhyAndLeavesNothing(TestEngine e, @TempDir Path ctx) throws IOException {
    TestImages.busybox(e);
    List<String> mounts = MountLeaks.under(e);
    String name = "failed-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    write(ctx, Map.of("f.txt", "f\n"));
    List<String> before = ok(e, "ps", "-aq").out().lines().toList();
    Map<String, String> cases = Map.of(
        "FROM busybox\nENV A=1\nRUN echo out; echo err >&2; exit 3\n",
        "The command '/bin/sh -c echo out; echo err >&2; exit 3' returned a non-zero code: 3",
        "FROM busybox\nFOO bar\n", "unknown instruction: FOO",
        "FROM busybox\nCOPY missing.txt /x\n", "file not found in build context or excluded by .dockerignore",
        "FROM busybox\nCOPY ../f.txt /x\n", "forbidden path outside the build context: ../f.txt",
        // dockerd tries Docker Hub here, Berth's builder names the missing image: both fail
        "FROM no-such-image-" + name + "\n", "");
    for (var c : cases.entrySet()) {
      Files.writeString(ctx.resolve("Dockerfile"), c.getKey());
      Cli.Result r = e.docker("build", "--force-rm", "-t", name, ctx.toString());
      assertFalse(r.ok(), r::toString);
      assertTrue(r.err().contains(c.getValue()), r::toString);
      if (c.getKey().contains("exit 3")) {
        assertEquals(3, r.exit(), r::toString);
        assertTrue(r.out().contains("out\n"), r::toString);
      }
    }
    Cli.Result badArg = e.docker("build", "--build-arg", "=x", ctx.toString());
    assertFalse(badArg.ok(), badArg::toString);
    assertFalse(e.docker("image", "inspect", name).ok(), "a failed build tags nothing");
    assertEquals(before, ok(e, "ps", "-aq").out().lines().toList(), "a failed build leaves no container");
    MountLeaks.assertNoneBeyond(e, mounts);

    // a Dockerfile alone on stdin, quiet: the CLI prints only the image id
    Cli.Result quiet = e.dockerIn("FROM busybox\nENV Q=1\n", "build", "-q", "-");
    assertTrue(quiet.ok() && quiet.outTrim().matches("sha256:[0-9a-f]{64}"), quiet::toString);
    assertEquals("[PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin Q=1]",
        ok(e, "image", "inspect", "--format", "{{.Config.Env}}", quiet.outTrim()).outTrim());
    ok(e, "rmi", quiet.outTrim());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void aCancelledBuildLeavesNothingBehind(TestEngine e, @TempDir Path ctx) throws Exception {
    TestImages.busybox(e);
    List<String> mounts = MountLeaks.under(e);
    Files.createDirectories(ctx.resolve("d"));
    Files.writeString(ctx.resolve("d/one"), "unpacked-by-add\n");
    Cli.must("tar", "-C", ctx.toString(), "-czf", ctx.resolve("files.tgz").toString(), "d");
    Files.writeString(ctx.resolve("Dockerfile"), "FROM busybox\nADD files.tgz /opt/\nRUN cat /opt/d/one && sleep 60\n");
    List<String> before = ok(e, "ps", "-aq").out().lines().toList();
    ProcessBuilder pb = new ProcessBuilder(Cli.DOCKER, "build", "--no-cache", ctx.toString()).redirectErrorStream(true);
    pb.environment().putAll(e.cliEnv());
    Process cli = pb.start();
    StringBuilder out = new StringBuilder();
    Thread reader = new Thread(() -> {
      try (var in = cli.inputReader()) {
        in.lines().forEach(l -> {
          synchronized (out) {
            out.append(l).append('\n');
          }
        });
      } catch (IOException ignored) {
        // the CLI was killed
      }
    });
    reader.start();
    try {
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (System.nanoTime() < deadline && !out.toString().contains("unpacked-by-add")) {
        Thread.sleep(100);
      }
      assertTrue(out.toString().contains("unpacked-by-add"), out::toString);
    } finally {
      cli.destroy();
      cli.waitFor();
    }
    // the engine notices the closed connection, kills the RUN container and removes it
    long deadline = System.nanoTime() + 20_000_000_000L;
    List<String> now = ok(e, "ps", "-aq").out().lines().toList();
    while (System.nanoTime() < deadline && !now.equals(before)) {
      Thread.sleep(200);
      now = ok(e, "ps", "-aq").out().lines().toList();
    }
    assertEquals(before, now, "a cancelled build leaves no container");
    MountLeaks.assertNoneBeyond(e, mounts);
  }
}
