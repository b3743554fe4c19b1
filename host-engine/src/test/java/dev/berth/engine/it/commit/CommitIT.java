package dev.berth.engine.it.commit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.it.Cli;
import dev.berth.engine.it.TestEngine;
import dev.berth.engine.it.robustness.Checks;
import dev.berth.engine.it.TestImages;
import dev.berth.engine.it.volumes.MountLeaks;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** `docker commit` and `docker history`, on Berth and on dockerd alike. */
class CommitIT {

  private static Cli.Result ok(TestEngine e, String... args) {
    Cli.Result r = e.docker(args);
    assertTrue(r.ok(), r::toString);
    return r;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void aCommittedImageHasTheContainersChangesAndHistory(TestEngine e) {
    String image = TestImages.busybox(e);
    List<String> mounts = MountLeaks.under(e);
    String suffix = ProcessHandle.current().pid() + "-" + System.nanoTime();
    String ctr = "commit-" + suffix;
    String repo = "committed-" + suffix;
    String running = "commit-run-" + suffix;
    try {
      ok(e, "run", "--network", "none", "--name", ctr, image, "sh", "-c", "echo added > /added && rm /etc/group && mkdir -p /seed && echo s > /seed/f");
      ok(e, "commit", "-m", "a message", "-a", "Ann <ann@example.com>", "-c", "ENV STAGE=two", "-c", "VOLUME /seed",
          ctr, repo + ":v1");
      assertEquals("added|no group|two", ok(e, "run", "--network", "none", "--rm", repo + ":v1", "sh", "-c",
          "echo \"$(cat /added)|$([ -e /etc/group ] && echo group || echo no group)|$STAGE\"").outTrim());
      assertEquals("a message|Ann <ann@example.com>", ok(e, "image", "inspect", "--format", "{{.Comment}}|{{.Author}}",
          repo + ":v1").outTrim());
      String history = ok(e, "history", "--no-trunc", "--format", "{{.CreatedBy}}|{{.Comment}}", repo + ":v1").out();
      assertTrue(history.lines().findFirst().orElse("").startsWith("sh -c echo added > /added")
          && history.contains("|a message"), history);

      // the image's VOLUME gets an anonymous volume, populated from the committed content
      String user = "commit-user-" + suffix;
      ok(e, "run", "--network", "none", "--name", user, repo + ":v1", "cat", "/seed/f");
      String anon = ok(e, "inspect", "--format", "{{range .Mounts}}{{.Name}} {{.Destination}}{{end}}", user).outTrim();
      assertTrue(anon.endsWith(" /seed") && anon.length() == 64 + 6, anon);
      assertEquals("s", ok(e, "logs", user).outTrim());
      ok(e, "rm", "-v", user);

      // a running container is paused for the commit and runs on
      ok(e, "run", "--network", "none", "-d", "--name", running, image, "sh", "-c", "echo live > /live && sleep 300");
      // the commit must see /live: `run -d` returns before the container's first command ran
      Checks.eventually("the container's /live", 10, () -> e.docker("exec", running, "test", "-f", "/live").ok());
      ok(e, "commit", running, repo + ":v2");
      assertEquals("running", ok(e, "inspect", "--format", "{{.State.Status}}", running).outTrim());
      assertEquals("live", ok(e, "run", "--network", "none", "--rm", repo + ":v2", "cat", "/live").outTrim());

      Cli.Result bad = e.docker("commit", "-c", "NOPE x", running, repo + ":v3");
      assertFalse(bad.ok(), bad::toString);
      assertFalse(e.docker("image", "inspect", repo + ":v3").ok(), "a refused commit makes no image");
      assertFalse(e.docker("commit", "no-such-" + suffix, repo + ":v4").ok());
    } finally {
      e.docker("rm", "-f", ctr, running);
      e.docker("rmi", repo + ":v1", repo + ":v2");
    }
    MountLeaks.assertNoneBeyond(e, mounts);
  }
}
