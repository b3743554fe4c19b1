package dev.berth.engine.it.volumes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.it.Cli;
import dev.berth.engine.it.TestEngine;
import dev.berth.engine.it.TestImages;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The local volume driver through the real CLI, on Berth and on dockerd alike. */
class VolumesIT {

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void aVolumeKeepsDataAcrossContainersAndIsNotRemovedWhileInUse(TestEngine e) {
    String image = TestImages.busybox(e);
    List<String> mounts = MountLeaks.under(e);
    String vol = Vol.name("keep");
    String ctr = Vol.name("user");
    long since = System.currentTimeMillis() / 1000 - 1;
    Vol.ok(e, "volume", "create", "--label", "team=a", vol);
    try {
      assertEquals("local a", Vol.ok(e, "volume", "inspect", "--format", "{{.Driver}} {{index .Labels \"team\"}}", vol).outTrim());
      assertTrue(Vol.ok(e, "volume", "ls", "-q", "--filter", "label=team=a").out().contains(vol));
      assertFalse(Vol.ok(e, "volume", "ls", "-q", "--filter", "label=team=b").out().contains(vol));
      Vol.ok(e, "run", "--network", "none", "--rm", "-v", vol + ":/data", image, "sh", "-c", "echo kept > /data/f");
      assertEquals("kept", Vol.ok(e, "run", "--network", "none", "--rm", "-v", vol + ":/data:ro", image, "cat", "/data/f").outTrim());

      Vol.ok(e, "run", "--network", "none", "-d", "--name", ctr, "--mount", "type=volume,src=" + vol + ",dst=/v", image, "sleep", "300");
      String mount = Vol.ok(e, "inspect", "--format",
          "{{range .Mounts}}{{.Type}} {{.Name}} {{.Destination}} {{.Driver}} {{.RW}}{{end}}", ctr).outTrim();
      assertEquals("volume " + vol + " /v local true", mount);
      assertTrue(Vol.ok(e, "volume", "ls", "-q", "--filter", "dangling=false").out().contains(vol));
      Cli.Result inUse = Vol.fails(e, "volume", "rm", vol);
      assertTrue(inUse.err().contains("volume is in use"), inUse::toString);
      assertTrue(Vol.volumeExists(e, vol), "a refused rm changes nothing");
      assertEquals("kept", Vol.ok(e, "exec", ctr, "cat", "/v/f").outTrim());
    } finally {
      e.docker("rm", "-f", ctr);
    }
    assertTrue(Vol.ok(e, "volume", "ls", "-q", "--filter", "dangling=true").out().contains(vol));
    Vol.ok(e, "volume", "rm", vol);
    assertFalse(Vol.volumeExists(e, vol));
    assertTrue(Vol.fails(e, "volume", "rm", vol).err().contains("no such volume"));
    String events = Vol.ok(e, "events", "--since", Long.toString(since), "--until", Long.toString(System.currentTimeMillis() / 1000 + 1),
        "--filter", "type=volume", "--filter", "volume=" + vol, "--format", "{{.Action}}").out();
    assertEquals(List.of("create", "mount", "unmount", "destroy"), events.lines().distinct().toList(), events);
    MountLeaks.assertNoneBeyond(e, mounts);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void aNewVolumeIsPopulatedFromTheImageUnlessNocopy(TestEngine e) {
    String image = TestImages.busybox(e);
    List<String> mounts = MountLeaks.under(e);
    String vol = Vol.name("copy");
    String empty = Vol.name("nocopy");
    try {
      // /home/berth is owned by 1000:1000 in the image: copy-up keeps owners
      Vol.ok(e, "run", "--network", "none", "--rm", "-v", vol + ":/home", image, "true");
      assertEquals("1000", Vol.ok(e, "run", "--network", "none", "--rm", "-v", vol + ":/x", image, "stat", "-c", "%u", "/x/berth").outTrim());
      Vol.ok(e, "run", "--network", "none", "--rm", "-v", empty + ":/home:nocopy", image, "true");
      assertEquals("", Vol.ok(e, "run", "--network", "none", "--rm", "-v", empty + ":/x", image, "ls", "-A", "/x").outTrim());
      // a volume that has content is not copied into again
      Vol.ok(e, "run", "--network", "none", "--rm", "-v", vol + ":/x", image, "sh", "-c", "rm -rf /x/berth && echo mine > /x/own");
      assertEquals("own", Vol.ok(e, "run", "--network", "none", "--rm", "-v", vol + ":/home", image, "ls", "/home").outTrim());
    } finally {
      e.docker("volume", "rm", vol, empty);
    }
    MountLeaks.assertNoneBeyond(e, mounts);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void anonymousVolumesGoWithRmVAndRm(TestEngine e) {
    String image = TestImages.busybox(e);
    List<String> mounts = MountLeaks.under(e);
    String ctr = Vol.name("anon");
    String keeper = Vol.name("keeper");
    try {
      Vol.ok(e, "run", "--network", "none", "--name", ctr, "-v", "/anon", image, "sh", "-c", "echo a > /anon/f");
      String anon = Vol.ok(e, "inspect", "--format", "{{range .Mounts}}{{.Name}}{{end}}", ctr).outTrim();
      assertEquals(64, anon.length(), "a generated 64-hex name");
      assertTrue(Vol.volumeExists(e, anon));
      Vol.ok(e, "rm", "-v", ctr);
      assertFalse(Vol.volumeExists(e, anon), "rm -v removes the anonymous volume");

      String before = Vol.ok(e, "volume", "ls", "-q").out();
      Vol.ok(e, "run", "--network", "none", "--rm", "-v", "/gone", image, "sh", "-c", "echo a > /gone/f");
      assertEquals(before, Vol.ok(e, "volume", "ls", "-q").out(), "--rm removes its anonymous volume");

      // an unused anonymous volume is pruned; one in use stays
      Vol.ok(e, "create", "--network", "none", "--name", ctr, "-v", "/left", image, "true");
      String left = Vol.ok(e, "inspect", "--format", "{{range .Mounts}}{{.Name}}{{end}}", ctr).outTrim();
      Vol.ok(e, "rm", ctr);
      assertTrue(Vol.volumeExists(e, left), "rm without -v keeps it");
      Vol.ok(e, "create", "--network", "none", "--name", keeper, "-v", "/kept", image, "true");
      String kept = Vol.ok(e, "inspect", "--format", "{{range .Mounts}}{{.Name}}{{end}}", keeper).outTrim();
      String named = Vol.name("named");
      Vol.ok(e, "volume", "create", named);
      Vol.ok(e, "volume", "prune", "-f");
      assertFalse(Vol.volumeExists(e, left));
      assertTrue(Vol.volumeExists(e, kept));
      if (e.isBerth()) {
        // API 1.42+ (dockerd 23 and later) prunes only anonymous volumes by default; dockerd 20.10 speaks 1.41
        assertTrue(Vol.volumeExists(e, named));
        e.docker("volume", "rm", named);
      }
    } finally {
      e.docker("rm", "-f", "-v", ctr, keeper);
    }
    MountLeaks.assertNoneBeyond(e, mounts);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void volumesFromShareTheMountsReadOnlyOrNot(TestEngine e) {
    String image = TestImages.busybox(e);
    List<String> mounts = MountLeaks.under(e);
    String src = Vol.name("src");
    String vol = Vol.name("shared");
    try {
      Vol.ok(e, "create", "--network", "none", "--name", src, "-v", vol + ":/shared", "-v", "/anon", image, "true");
      Vol.ok(e, "run", "--network", "none", "--rm", "--volumes-from", src, image, "sh", "-c", "echo s > /shared/s && echo a > /anon/a");
      assertEquals(0, code(e, "--volumes-from", src + ":ro", image, "sh", "-c",
          "[ \"$(cat /shared/s /anon/a)\" = \"$(printf 's\\na')\" ] && ! touch /shared/x"));
      Cli.Result missing = e.docker("run", "--network", "none", "--rm", "--volumes-from", Vol.name("missing"), image, "true");
      assertFalse(missing.ok(), missing::toString);
    } finally {
      e.docker("rm", "-f", "-v", src);
      e.docker("volume", "rm", vol);
    }
    MountLeaks.assertNoneBeyond(e, mounts);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void bindsTmpfsAndTheMountSyntax(TestEngine e) throws Exception {
    String image = TestImages.busybox(e);
    List<String> mounts = MountLeaks.under(e);
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory(java.nio.file.Path.of("/tmp"), "vbind-");
    java.nio.file.Files.writeString(dir.resolve("f"), "hostdata");
    try {
      String script = "[ \"$(cat /ro/f)\" = hostdata ] && ! touch /ro/x && touch /rw/y"
          + " && df -k /t | grep -q ' 1024 ' && df -k /t2 | grep -q ' 2048 ' && touch /t/a /t2/b";
      assertEquals(0, code(e, "--mount", "type=bind,src=" + dir + ",dst=/ro,readonly", "-v", dir + ":/rw:rw",
          "--tmpfs", "/t:size=1m", "--mount", "type=tmpfs,dst=/t2,tmpfs-size=2097152", image, "sh", "-c", script));
      assertTrue(java.nio.file.Files.exists(dir.resolve("y")));
      Cli.Result missingSource = e.docker("run", "--network", "none", "--rm", "--mount", "type=bind,src=" + dir + "/nope,dst=/x", image, "true");
      assertTrue(missingSource.err().contains("bind source path does not exist"), missingSource::toString);
      Cli.Result badName = e.docker("run", "--network", "none", "--rm", "-v", "bad^name:/x", image, "true");
      assertTrue(badName.err().contains("includes invalid characters for a local volume name"), badName::toString);
      assertFalse(Vol.volumeExists(e, "bad^name"));
    } finally {
      Cli.run("rm", "-rf", dir.toString());
    }
    MountLeaks.assertNoneBeyond(e, mounts);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void driverOptionsMountAFilesystemWhileContainersUseIt(TestEngine e) {
    String image = TestImages.busybox(e);
    List<String> mounts = MountLeaks.under(e);
    String vol = Vol.name("tmpfsvol");
    try {
      Vol.ok(e, "volume", "create", "-o", "type=tmpfs", "-o", "device=tmpfs", "-o", "o=size=1m", vol);
      assertEquals("tmpfs size=1m", Vol.ok(e, "volume", "inspect", "--format", "{{.Options.type}} {{.Options.o}}", vol).outTrim());
      assertEquals(0, code(e, "-v", vol + ":/x", image, "sh", "-c", "df -k /x | grep -q ' 1024 ' && echo a > /x/f"));
      MountLeaks.assertNoneBeyond(e, mounts);
      assertEquals(0, code(e, "-v", vol + ":/x", image, "sh", "-c", "[ ! -e /x/f ]"), "a fresh tmpfs at each first use");
      Cli.Result bad = e.docker("volume", "create", "-o", "bogus=1", Vol.name("badopt"));
      assertTrue(bad.err().contains("invalid option: \"bogus\""), bad::toString);
    } finally {
      e.docker("volume", "rm", vol);
    }
    MountLeaks.assertNoneBeyond(e, mounts);
  }

  private static int code(TestEngine e, String... runArgs) {
    String[] all = new String[runArgs.length + 4];
    all[0] = "run";
    all[1] = "--rm";
    all[2] = "--network";
    all[3] = "none";
    System.arraycopy(runArgs, 0, all, 4, runArgs.length);
    return e.docker(all).exit();
  }
}
