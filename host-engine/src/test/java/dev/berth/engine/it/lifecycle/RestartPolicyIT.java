package dev.berth.engine.it.lifecycle;

import static dev.berth.engine.it.robustness.Checks.eventually;
import static dev.berth.engine.it.robustness.Checks.inspect;
import static dev.berth.engine.it.robustness.Checks.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.it.TestEngine;
import dev.berth.engine.it.TestImages;
import dev.berth.engine.it.robustness.Checks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Restart policies as dockerd applies them: retries with backoff, RestartCount, manual stops. */
class RestartPolicyIT {

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void onFailureGivesUpAfterItsRetries(TestEngine e) {
    String img = TestImages.busybox(e);
    String since = Long.toString(System.currentTimeMillis() / 1000 - 1);
    String crash = Checks.unique("crash");
    ok(e, "run", "-d", "--name", crash, "--restart", "on-failure:2", img, "sh", "-c", "exit 3");
    // exited, not restarting, and the third exit is the last: backoff 100 ms then 200 ms
    eventually("two restarts then exited", 30,
        () -> inspect(e, crash, "{{.State.Status}} {{.RestartCount}}").equals("exited 2"));
    Checks.sleep(1500);
    assertEquals("exited 2 3 false", inspect(e, crash, "{{.State.Status}} {{.RestartCount}} {{.State.ExitCode}} {{.State.Restarting}}"));
    String events = Checks.events(e, since, crash);
    assertEquals(3, events.lines().filter(l -> l.equals("start")).count(), events);
    assertEquals(3, events.lines().filter(l -> l.equals("die")).count(), events);

    // a successful exit is no failure: on-failure leaves it alone
    String fine = Checks.unique("fine");
    ok(e, "run", "-d", "--name", fine, "--restart", "on-failure", img, "true");
    eventually("exited", 20, () -> inspect(e, fine, "{{.State.Status}}").equals("exited"));
    Checks.sleep(500);
    assertEquals("exited 0", inspect(e, fine, "{{.State.Status}} {{.RestartCount}}"));

    // rm -f takes a container out of its restart loop
    String loop = Checks.unique("loop");
    ok(e, "run", "-d", "--name", loop, "--restart", "always", img, "sh", "-c", "exit 1");
    eventually("restarts", 20, () -> Integer.parseInt(inspect(e, loop, "{{.RestartCount}}")) >= 2);
    ok(e, "rm", "-f", loop);
    Checks.sleep(1000);
    assertFalse(e.docker("inspect", loop).ok());
    ok(e, "rm", crash, fine);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void alwaysRestartsACrashButNotAStop(TestEngine e) {
    String img = TestImages.busybox(e);
    String name = Checks.unique("always");
    // the first run fails; the restarted one (same rootfs, marker present) keeps running
    ok(e, "run", "-d", "--name", name, "--restart", "always", img,
        "sh", "-c", "if [ -f /ran ]; then exec sleep 1000; fi; touch /ran; exit 1");
    eventually("restarted and running", 20,
        () -> inspect(e, name, "{{.State.Status}} {{.RestartCount}}").equals("running 1"));
    ok(e, "stop", "-t", "1", name);
    Checks.sleep(1500);
    assertEquals("exited false", inspect(e, name, "{{.State.Status}} {{.State.Restarting}}"));
    // a start by the user re-arms the policy
    ok(e, "start", name);
    assertEquals("running", inspect(e, name, "{{.State.Status}}"));
    ok(e, "kill", name);
    Checks.sleep(1500);
    assertEquals("exited", inspect(e, name, "{{.State.Status}}"), "docker kill is a manual stop too");
    ok(e, "rm", name);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void updateChangesThePolicyAndLimits(TestEngine e) {
    String img = TestImages.busybox(e);
    String name = Checks.unique("upd");
    ok(e, "run", "-d", "--name", name, "--memory", "64m", img, "sleep", "1000");
    ok(e, "update", "--restart", "on-failure:3", "--memory", "96m", "--memory-swap", "192m", "--cpus", "0.5", "--pids-limit", "50", name);
    assertEquals("on-failure 3 100663296 500000000 50",
        inspect(e, name, "{{.HostConfig.RestartPolicy.Name}} {{.HostConfig.RestartPolicy.MaximumRetryCount}} {{.HostConfig.Memory}} {{.HostConfig.NanoCpus}} {{.HostConfig.PidsLimit}}"));
    try {
      assertEquals("100663296", Checks.cgroupFile(e, name, "memory", "memory.limit_in_bytes"));
      assertEquals("50000", Checks.cgroupFile(e, name, "cpu", "cpu.cfs_quota_us"));
      assertEquals("50", Checks.cgroupFile(e, name, "pids", "pids.max"));
    } catch (java.io.IOException ex) {
      throw new AssertionError(ex);
    }
    assertFalse(e.docker("update", "--restart", "sometimes", name).ok());
    assertTrue(e.docker("update", "--memory", "1k", name).err().toLowerCase().contains("minimum memory"));
    assertEquals("100663296", inspect(e, name, "{{.HostConfig.Memory}}"), "a refused update changes nothing");
    ok(e, "rm", "-f", name);
  }
}
