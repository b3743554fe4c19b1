package dev.berth.engine.it.security;

import static dev.berth.engine.it.robustness.Checks.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.it.Cli;
import dev.berth.engine.it.TestEngine;
import dev.berth.engine.it.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Confinement beyond capabilities, the same on both engines: the default seccomp filter, which
 * --security-opt loosens (seccomp=unconfined) or replaces (a profile file),
 * no-new-privileges, systempaths=unconfined, and bad options refused with nothing created.
 */
class SecurityOptIT {
  private static final String STATUS = "grep -E '^(Seccomp|NoNewPrivs):' /proc/self/status";

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void seccompAndNoNewPrivileges(TestEngine e) throws Exception {
    String img = TestImages.busybox(e);
    String confined = ok(e, "run", "--rm", img, "sh", "-c", STATUS).out();
    assertTrue(confined.contains("Seccomp:\t2"), "a filter by default: " + confined);
    assertTrue(confined.contains("NoNewPrivs:\t0"), confined);
    assertTrue(ok(e, "run", "--rm", "--security-opt", "seccomp=unconfined", img, "sh", "-c", STATUS).out()
        .contains("Seccomp:\t0"));
    assertTrue(ok(e, "run", "--rm", "--security-opt", "no-new-privileges", img, "sh", "-c", STATUS).out()
        .contains("NoNewPrivs:\t1"));

    // a profile of one's own (the CLI sends the file's content): everything but mkdir is allowed
    Path profile = Files.createTempFile("seccomp", ".json");
    try {
      Files.writeString(profile, "{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"syscalls\":[{\"names\":[\"mkdir\",\"mkdirat\"],"
          + "\"action\":\"SCMP_ACT_ERRNO\",\"errnoRet\":1}]}");
      Cli.Result denied = e.docker("run", "--rm", "--security-opt", "seccomp=" + profile, img, "mkdir", "/made");
      assertNotEquals(0, denied.exit(), denied::toString);
      assertTrue(denied.err().contains("Operation not permitted"), denied::toString);
      ok(e, "run", "--rm", img, "mkdir", "/made"); // the image allows it: the profile denied it
    } finally {
      Files.deleteIfExists(profile);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void systemPathsAndBadOptions(TestEngine e) {
    String img = TestImages.busybox(e);
    String mounts = "grep -c ' /proc/timer_list ' /proc/self/mountinfo || true";
    assertEquals("1", ok(e, "run", "--rm", img, "sh", "-c", mounts).outTrim(), "/proc/timer_list is masked by default");
    assertEquals("0", ok(e, "run", "--rm", "--security-opt", "systempaths=unconfined", img, "sh", "-c", mounts).outTrim());

    String name = "secopt-" + UUID.randomUUID().toString().substring(0, 8);
    Cli.Result bad = e.docker("run", "--name", name, "--security-opt", "foo=bar", img, "true");
    assertEquals(125, bad.exit(), bad::toString);
    assertTrue(bad.err().contains("invalid --security-opt 2: \\\"foo=bar\\\"")
        || bad.err().contains("invalid --security-opt 2: \"foo=bar\""), bad::toString);
    Cli.Result badNnp = e.docker("run", "--name", name, "--security-opt", "no-new-privileges=maybe", img, "true");
    assertEquals(125, badNnp.exit(), badNnp::toString);
    assertTrue(badNnp.err().contains("invalid --security-opt 2"), badNnp::toString);
    assertFalse(ok(e, "ps", "-a", "--filter", "name=" + name, "--format", "{{.Names}}").out().contains(name),
        "a refused create leaves no container");
  }
}
