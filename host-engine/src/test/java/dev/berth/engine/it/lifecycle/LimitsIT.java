package dev.berth.engine.it.lifecycle;

import static dev.berth.engine.it.robustness.Checks.eventually;
import static dev.berth.engine.it.robustness.Checks.inspect;
import static dev.berth.engine.it.robustness.Checks.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.it.Cli;
import dev.berth.engine.it.TestEngine;
import dev.berth.engine.it.TestImages;
import dev.berth.engine.it.robustness.Checks;
import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** --memory, --cpus, --cpu-shares and --pids-limit reach the cgroups; an OOM kill is reported. */
class LimitsIT {

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void limitsAreEnforcedThroughCgroups(TestEngine e) throws IOException {
    String img = TestImages.busybox(e);
    String name = Checks.unique("limits");
    ok(e, "run", "-d", "--name", name, "--memory", "48m", "--cpus", "0.5", "--cpu-shares", "512", "--pids-limit", "8",
        img, "sleep", "1000");
    assertEquals("50331648 500000000 512 8",
        inspect(e, name, "{{.HostConfig.Memory}} {{.HostConfig.NanoCpus}} {{.HostConfig.CpuShares}} {{.HostConfig.PidsLimit}}"));
    assertEquals("50331648", Checks.cgroupFile(e, name, "memory", "memory.limit_in_bytes"));
    assertEquals("50000 100000", Checks.cgroupFile(e, name, "cpu", "cpu.cfs_quota_us") + " " + Checks.cgroupFile(e, name, "cpu", "cpu.cfs_period_us"));
    assertEquals("512", Checks.cgroupFile(e, name, "cpu", "cpu.shares"));
    assertEquals("8", Checks.cgroupFile(e, name, "pids", "pids.max"));
    // the ninth process cannot be forked
    Cli.Result forks = e.docker("exec", name, "sh", "-c", "for i in 1 2 3 4 5 6 7 8 9 10; do sleep 30 & done; wait");
    assertTrue((forks.out() + forks.err()).contains("can't fork"), forks::toString);
    ok(e, "rm", "-f", name);

    // bad limits are refused and leave nothing behind
    String before = ok(e, "ps", "-aq").outTrim();
    Cli.Result swap = e.docker("run", "-d", "--memory", "32m", "--memory-swap", "16m", img, "true");
    assertTrue(!swap.ok() && swap.err().contains("Minimum memoryswap limit should be larger than memory limit"), swap::toString);
    Cli.Result tiny = e.docker("run", "-d", "--memory", "1m", img, "true");
    assertTrue(!tiny.ok() && tiny.err().contains("Minimum memory limit allowed is 6MB"), tiny::toString);
    assertEquals(before, ok(e, "ps", "-aq").outTrim());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void aMemoryHogIsOomKilled(TestEngine e) {
    String img = TestImages.busybox(e);
    String since = Long.toString(System.currentTimeMillis() / 1000 - 1);
    String hog = Checks.unique("hog");
    ok(e, "run", "-d", "--name", hog, "--memory", "16m", "--memory-swap", "16m", img,
        "sh", "-c", "x=a; while true; do x=$x$x; done");
    eventually("the hog's end", 60, () -> inspect(e, hog, "{{.State.Status}}").equals("exited"));
    assertEquals("true 137", inspect(e, hog, "{{.State.OOMKilled}} {{.State.ExitCode}}"));
    String events = Checks.events(e, since, hog);
    assertTrue(events.contains("oom\ndie") || events.contains("oom\r\ndie"), events);
    // a new run starts without the mark
    ok(e, "rm", hog);
    String calm = Checks.unique("calm");
    ok(e, "run", "--name", calm, "--memory", "16m", img, "true");
    assertEquals("false 0", inspect(e, calm, "{{.State.OOMKilled}} {{.State.ExitCode}}"));
    ok(e, "rm", calm);
  }
}
