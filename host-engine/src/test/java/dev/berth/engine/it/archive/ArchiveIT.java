package dev.berth.engine.it.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.it.Cli;
import dev.berth.engine.it.TestEngine;
import dev.berth.engine.it.TestImages;
import dev.berth.engine.it.robustness.Checks;
import dev.berth.engine.it.volumes.MountLeaks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** `docker cp` in both directions, on running and stopped containers, confined to the container. */
class ArchiveIT {

  private static final AtomicInteger SEQ = new AtomicInteger();

  private static String name(String prefix) {
    return prefix + "-" + ProcessHandle.current().pid() + "-" + SEQ.incrementAndGet();
  }

  private static Cli.Result ok(TestEngine e, String... args) {
    Cli.Result r = e.docker(args);
    assertTrue(r.ok(), r::toString);
    return r;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void copiesBothWaysOnRunningAndStoppedContainers(TestEngine e) throws Exception {
    String image = TestImages.busybox(e);
    List<String> mounts = MountLeaks.under(e);
    String ctr = name("cp");
    String vol = name("cpvol");
    Path dir = Files.createTempDirectory(Path.of("/tmp"), "vcp-");
    try {
      Files.createDirectories(dir.resolve("tree/sub"));
      Files.writeString(dir.resolve("tree/sub/f"), "deep");
      Files.writeString(dir.resolve("hf"), "from host");
      ok(e, "run", "--network", "none", "-d", "--name", ctr, "-v", vol + ":/vol", image, "sh", "-c",
          "mkdir -p /d && echo inside > /d/c && ln -sf c /d/lnk && sleep 300");
      // `run -d` returns once the process starts, not once its first commands ran
      Checks.eventually("the container's /d/lnk", 10, () -> e.docker("exec", ctr, "test", "-L", "/d/lnk").ok());
      ok(e, "cp", dir.resolve("hf").toString(), ctr + ":/d/");
      ok(e, "cp", dir.resolve("tree").toString(), ctr + ":/d/tree");
      ok(e, "cp", dir.resolve("hf").toString(), ctr + ":/vol/hf");
      assertEquals("from host|deep|from host", ok(e, "exec", ctr, "sh", "-c",
          "echo \"$(cat /d/hf)|$(cat /d/tree/sub/f)|$(cat /vol/hf)\"").outTrim());
      ok(e, "cp", ctr + ":/d", dir.resolve("out").toString());
      assertEquals("inside", Files.readString(dir.resolve("out/c")).strip());
      assertEquals("deep", Files.readString(dir.resolve("out/tree/sub/f")));
      assertTrue(Files.isSymbolicLink(dir.resolve("out/lnk")), "a symlink is copied as a link");
      ok(e, "cp", "-L", ctr + ":/d/lnk", dir.resolve("followed").toString());
      assertEquals("inside", Files.readString(dir.resolve("followed")).strip());

      ok(e, "stop", "-t", "0", ctr);
      Files.writeString(dir.resolve("hf2"), "while stopped");
      ok(e, "cp", dir.resolve("hf2").toString(), ctr + ":/d/hf2");
      ok(e, "cp", ctr + ":/d/hf2", dir.resolve("back").toString());
      assertEquals("while stopped", Files.readString(dir.resolve("back")));
      ok(e, "cp", ctr + ":/vol/hf", dir.resolve("fromvol").toString());
      assertEquals("from host", Files.readString(dir.resolve("fromvol")));
      MountLeaks.assertNoneBeyond(e, mounts);

      if (e.isBerth()) {
        // -a gives the files the container user's ids (resolved in the container's /etc/passwd);
        // without it they keep the archive's (root here). dockerd 20.10 looks the user up with
        // the host's getent and fails for users the host lacks, so only Berth is checked.
        String owned = ctr + "-user";
        ok(e, "create", "--network", "none", "--name", owned, "--user", "berth", image, "stat", "-c", "%u:%g", "/tmp/a", "/tmp/b");
        ok(e, "cp", "-a", dir.resolve("hf").toString(), owned + ":/tmp/a");
        ok(e, "cp", dir.resolve("hf").toString(), owned + ":/tmp/b");
        assertEquals("1000:1000\n0:0", ok(e, "start", "-a", owned).outTrim());
        e.docker("rm", "-f", owned);
      }

      Cli.Result missing = e.docker("cp", ctr + ":/nope", dir.resolve("x").toString());
      assertTrue(missing.err().contains("Could not find the file /nope in container " + ctr), missing::toString);
      ok(e, "start", ctr);
      assertEquals("while stopped", ok(e, "exec", ctr, "cat", "/d/hf2").outTrim());
    } finally {
      e.docker("rm", "-f", ctr);
      e.docker("volume", "rm", vol);
      Cli.run("rm", "-rf", dir.toString());
    }
    MountLeaks.assertNoneBeyond(e, mounts);
  }

  private static void writeTar(Path tar, Path outside) throws Exception {
    try (var out = new TarArchiveOutputStream(Files.newOutputStream(tar))) {
      TarArchiveEntry link = new TarArchiveEntry("hop", TarConstants.LF_SYMLINK);
      link.setLinkName(outside.toString());
      out.putArchiveEntry(link);
      out.closeArchiveEntry();
      for (String name : List.of("hop/through-link", "../../../../../../.." + outside + "/climbed")) {
        byte[] data = "evil".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        TarArchiveEntry f = new TarArchiveEntry(name, true);
        f.setSize(data.length);
        out.putArchiveEntry(f);
        out.write(data);
        out.closeArchiveEntry();
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void pathsThatTryToLeaveTheContainerStayInside(TestEngine e) throws Exception {
    String image = TestImages.busybox(e);
    List<String> mounts = MountLeaks.under(e);
    String ctr = name("esc");
    Path outside = Files.createTempDirectory(Path.of("/tmp"), "vesc-");
    Path dir = Files.createTempDirectory(Path.of("/tmp"), "vescsrc-");
    String marker = "marker-" + ProcessHandle.current().pid();
    try {
      Files.writeString(dir.resolve("payload"), "payload");
      // links that would point at the host's folder if followed on the host
      ok(e, "run", "--network", "none", "-d", "--name", ctr, image, "sh", "-c",
          "echo " + marker + " > /etc/marker && ln -s " + outside + " /abs && ln -s ../../../../../../../.." + outside + " /rel"
              + " && ln -s /etc /etclink && sleep 300");
      // the links must exist before the copies that try them, or a refusal would prove nothing
      Checks.eventually("the container's /etclink", 10, () -> e.docker("exec", ctr, "test", "-L", "/etclink").ok());
      for (String target : List.of("/abs/", "/rel/", "/abs/x", "/../../../../.." + outside + "/")) {
        Cli.Result r = e.docker("cp", dir.resolve("payload").toString(), ctr + ":" + target);
        assertFalse(r.ok(), () -> "copy to " + target + " must fail: the folder does not exist inside: " + r);
      }
      try (var s = Files.list(outside)) {
        assertEquals(0, s.count(), "nothing was written outside the container");
      }
      for (String source : List.of("../../../../etc/marker", "/etclink/marker", "/abs/../etc/marker")) {
        Path got = dir.resolve("got");
        Files.deleteIfExists(got);
        ok(e, "cp", ctr + ":" + source, got.toString());
        assertEquals(marker, Files.readString(got).strip(), "the container's own /etc/marker, read through " + source);
      }
      // a hand-made tar: entries that climb out with "..", and a file through an absolute link
      Path tar = dir.resolve("evil.tar");
      writeTar(tar, outside);
      for (String at : List.of("/", "/etc")) {
        Cli.Result put = Cli.run("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-X", "PUT", "-T", tar.toString(),
            "-H", "Content-Type: application/x-tar", "--unix-socket", e.socket().toString(),
            "http://x/containers/" + ctr + "/archive?path=" + at);
        assertFalse(put.out().startsWith("2"), () -> "a tar that climbs out is refused: " + put);
      }
      ok(e, "stop", "-t", "0", ctr);
      assertFalse(e.docker("cp", dir.resolve("payload").toString(), ctr + ":/rel/").ok());
      try (var s = Files.list(outside)) {
        assertEquals(0, s.count(), "nothing was written outside the stopped container either");
      }
    } finally {
      e.docker("rm", "-f", ctr);
      Cli.run("rm", "-rf", outside.toString(), dir.toString());
    }
    MountLeaks.assertNoneBeyond(e, mounts);
  }
}
