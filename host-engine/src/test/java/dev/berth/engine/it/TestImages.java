package dev.berth.engine.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Test images made locally from busybox-static (there is no Docker Hub here): a rootfs with
 * /bin/busybox and its applets, an /etc/passwd with root, nobody and a user "berth" (1000),
 * imported into an engine with `docker import`.
 */
public final class TestImages {

  /** The name tests use, as in `docker run --rm busybox true`. */
  public static final String BUSYBOX = "busybox:latest";

  private static final Set<String> IMPORTED = new HashSet<>();
  private static Path rootfsTar;

  private TestImages() {}

  /** Makes sure {@link #BUSYBOX} exists in the engine and returns its name. */
  public static synchronized String busybox(TestEngine engine) {
    String key = engine.name() + "@" + engine.socket();
    if (IMPORTED.contains(key)) {
      return BUSYBOX;
    }
    if (!engine.docker("image", "inspect", BUSYBOX).ok()) {
      Cli.Result r =
          engine.docker(
              "import",
              "--change", "CMD [\"sh\"]",
              "--change", "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
              busyboxTar().toString(),
              BUSYBOX);
      if (!r.ok()) {
        throw new IllegalStateException("cannot import busybox into " + engine.name() + ": " + r);
      }
    }
    IMPORTED.add(key);
    return BUSYBOX;
  }

  /** The busybox rootfs as a tar file, built once per test JVM. */
  public static synchronized Path busyboxTar() {
    if (rootfsTar != null) {
      return rootfsTar;
    }
    try {
      Path dir = Files.createTempDirectory("bit-rootfs");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> ProcessEngine.deleteTree(dir)));
      Path root = dir.resolve("rootfs");
      for (String d : List.of("bin", "etc", "dev", "proc", "sys", "tmp", "root", "home/berth", "var/log", "usr/bin", "usr/sbin", "sbin")) {
        Files.createDirectories(root.resolve(d));
      }
      Files.copy(Path.of("/bin/busybox"), root.resolve("bin/busybox"));
      Cli.must("chmod", "0755", root.resolve("bin/busybox").toString());
      Cli.must("chmod", "1777", root.resolve("tmp").toString());
      String applets = Cli.must("/bin/busybox", "--list").out();
      for (String applet : applets.split("\n")) {
        if (!applet.isBlank() && !applet.equals("busybox")) {
          Files.createSymbolicLink(root.resolve("bin").resolve(applet.strip()), Path.of("busybox"));
        }
      }
      Files.writeString(
          root.resolve("etc/passwd"),
          "root:x:0:0:root:/root:/bin/sh\n"
              + "daemon:x:1:1:daemon:/usr/sbin:/bin/false\n"
              + "berth:x:1000:1000:berth:/home/berth:/bin/sh\n"
              + "nobody:x:65534:65534:nobody:/nonexistent:/bin/false\n");
      Files.writeString(
          root.resolve("etc/group"),
          "root:x:0:\ndaemon:x:1:\nstaff:x:50:berth\nberth:x:1000:\nnogroup:x:65534:\n");
      Cli.must("chown", "-R", "1000:1000", root.resolve("home/berth").toString());
      Path tar = dir.resolve("busybox.tar");
      Cli.must("tar", "--numeric-owner", "-C", root.toString(), "-cf", tar.toString(), ".");
      rootfsTar = tar;
      return tar;
    } catch (IOException e) {
      throw new IllegalStateException("cannot build the busybox rootfs", e);
    }
  }
}
