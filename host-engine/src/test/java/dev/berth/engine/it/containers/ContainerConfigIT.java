package dev.berth.engine.it.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.berth.engine.it.TestEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a process sees inside the container, checked by the process itself: each container runs
 * a shell test whose exit code is the verdict (0 = as expected), on both engines.
 */
class ContainerConfigIT {

  private static int check(TestEngine e, String script, String... options) {
    String[] args = new String[options.length + 4];
    System.arraycopy(options, 0, args, 0, options.length);
    args[options.length] = Ctr.image(e);
    args[options.length + 1] = "sh";
    args[options.length + 2] = "-c";
    args[options.length + 3] = script;
    return Ctr.exitCodeOf(e, args);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void envHostnameAndDefaults(TestEngine e) {
    assertEquals(0, check(e, "[ \"$A\" = 1 ] && [ \"$HOSTNAME\" = \"$(hostname)\" ] && [ ${#HOSTNAME} = 12 ] && [ \"$(pwd)\" = / ] && [ \"$(id -u)\" = 0 ]", "-e", "A=1"));
    assertEquals(0, check(e, "[ \"$(hostname)\" = web1 ] && grep -q web1 /etc/hostname", "--hostname", "web1"));
    assertEquals(0, check(e, "grep -q nameserver /etc/resolv.conf && grep -q localhost /etc/hosts"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void userAndGroupsFromTheImage(TestEngine e) {
    assertEquals(0, check(e, "[ \"$(id -u)\" = 1000 ] && [ \"$(id -g)\" = 1000 ] && id -G | grep -qw 50", "--user", "berth"));
    assertEquals(0, check(e, "[ \"$(id -u)\" = 4321 ] && [ \"$(id -g)\" = 7 ]", "--user", "4321:7"));
    assertNotEquals(0, Ctr.exitCodeOfFailedStart(e, "--user", "ghost", Ctr.image(e), "true"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void workdirIsCreatedAndRootfsCanBeReadOnly(TestEngine e) {
    assertEquals(0, check(e, "[ \"$(pwd)\" = /does/not/exist ]", "-w", "/does/not/exist"));
    assertEquals(0, check(e, "touch /x"));
    assertNotEquals(0, check(e, "touch /x", "--read-only"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void capabilitiesAndPrivileged(TestEngine e) {
    assertEquals(0, check(e, "chown 1 /tmp"));
    assertNotEquals(0, check(e, "chown 1 /tmp", "--cap-drop", "ALL"));
    assertNotEquals(0, check(e, "chown 1 /tmp", "--cap-drop", "chown"));
    assertNotEquals(0, check(e, "ip link set lo down", "--network", "none"));
    assertEquals(0, check(e, "ip link set lo down", "--network", "none", "--cap-add", "NET_ADMIN"));
    if (e.isBerth()) {
      // dockerd 20.10 asks runc for every kernel capability, and fails here because this
      // machine's bounding set lacks CAP_SYS_RESOURCE; Berth grants what the engine holds
      assertEquals(0, check(e, "ip link set lo down", "--network", "none", "--privileged"));
    }
    assertEquals(0, check(e, "[ ! -s /proc/kcore ]"), "masked like dockerd");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void resourcesAndInit(TestEngine e) {
    assertEquals(0, check(e, "[ \"$(cat /sys/fs/cgroup/memory/memory.limit_in_bytes)\" = 67108864 ]", "-m", "64m"));
    assertEquals(0, check(e, "[ \"$(cat /sys/fs/cgroup/pids/pids.max)\" = 50 ]", "--pids-limit", "50"));
    assertEquals(0, check(e, "[ \"$(cat /sys/fs/cgroup/cpu/cpu.cfs_quota_us)\" = 50000 ]", "--cpus", "0.5"));
    assertEquals(0, check(e, "grep -q docker-init /proc/1/cmdline && [ $$ != 1 ]", "--init"));
    assertEquals(0, check(e, "df -k /dev/shm | grep -q 65536"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void networkNoneHasOnlyLoopback(TestEngine e) {
    assertEquals(0, check(e, "[ \"$(ls /sys/class/net)\" = lo ] && ip link show lo | grep -q UP", "--network", "none"));
    assertEquals(0, check(e, "[ \"$(hostname)\" = \"$(cat /proc/sys/kernel/hostname)\" ] && ls /sys/class/net | grep -qv '^lo$'", "--network", "host"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void bindsReadOnlyAndCreatedHostPaths(TestEngine e) throws IOException {
    Path dir = Files.createTempDirectory(Path.of("/tmp"), "cbind-");
    Files.writeString(dir.resolve("file"), "hello");
    try {
      assertEquals(0, check(e, "[ \"$(cat /data/file)\" = hello ] && ! touch /data/x", "-v", dir + ":/data:ro"));
      assertEquals(0, check(e, "echo hi > /data/new", "-v", dir + ":/data"));
      assertEquals("hi\n", Files.readString(dir.resolve("new")));
      Path missing = dir.resolve("missing/deeper");
      assertEquals(0, check(e, "[ -d /m ]", "-v", missing + ":/m"));
      assertEquals(true, Files.isDirectory(missing), "dockerd creates a missing -v host path");
    } finally {
      dev.berth.engine.it.Cli.run("rm", "-rf", dir.toString());
    }
  }
}
