package dev.berth.engine.containers;

import dev.berth.engine.runtime.Commands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The container's root filesystem: an overlay of the image's layer folders (read-only lowers)
 * and the container's own upper and work dirs, mounted at start and unmounted once the
 * container has stopped, so that no mount outlives its container.
 */
final class Rootfs {

  private Rootfs() {}

  static Path upperDir(Container c) {
    return c.upperDir();
  }

  /** Mounts the overlay unless it is mounted already (a restart or a re-adopted container). */
  static void mount(Container c) throws IOException {
    Path target = c.rootfsDir();
    if (isMounted(target)) {
      return;
    }
    Path work = c.dataDir().resolve("work");
    Files.createDirectories(target);
    Files.createDirectories(upperDir(c));
    Files.createDirectories(work);
    List<Path> lowers = new ArrayList<>(c.lowerDirs());
    if (lowers.isEmpty()) {
      Path empty = c.dataDir().resolve("empty");
      Files.createDirectories(empty);
      lowers.add(empty);
    }
    for (Path l : lowers) {
      if (!Files.isDirectory(l)) {
        throw new IOException("image layer " + l + " is missing; the image may have been removed");
      }
    }
    String options =
        "lowerdir="
            + lowers.stream().map(Path::toString).collect(Collectors.joining(":"))
            + ",upperdir="
            + upperDir(c)
            + ",workdir="
            + work;
    Commands.Result r = Commands.run(List.of("mount", "-t", "overlay", "overlay", "-o", options, target.toString()));
    if (!r.ok()) {
      throw new IOException("cannot mount the container's filesystem: " + r.err().strip());
    }
  }

  static void unmount(Container c) throws IOException {
    Path target = c.rootfsDir();
    while (isMounted(target)) {
      Commands.Result r = Commands.run(List.of("umount", target.toString()));
      if (!r.ok()) {
        Commands.Result lazy = Commands.run(List.of("umount", "-l", target.toString()));
        if (!lazy.ok()) {
          throw new IOException("cannot unmount " + target + ": " + r.err().strip());
        }
      }
    }
  }

  static boolean isMounted(Path target) throws IOException {
    String t = target.toAbsolutePath().toString();
    for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
      String[] f = line.split(" ");
      if (f.length > 4 && unescape(f[4]).equals(t)) {
        return true;
      }
    }
    return false;
  }

  private static String unescape(String s) {
    return s.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n").replace("\\134", "\\");
  }

  /** Creates the working directory inside the mounted rootfs, owned by the process user. */
  static void ensureWorkingDir(Container c, String cwd, UserResolver.User user) throws IOException {
    if (cwd == null || cwd.isEmpty() || cwd.equals("/")) {
      return;
    }
    Path root = c.rootfsDir();
    Path dir = root.resolve(cwd.substring(1)).normalize();
    if (!dir.startsWith(root)) {
      return;
    }
    // walk component by component: a symlink in the image could point outside the rootfs, so
    // such paths are left to runc, which resolves them inside the container
    Path current = root;
    for (Path part : root.relativize(dir)) {
      current = current.resolve(part);
      if (Files.isSymbolicLink(current)) {
        return;
      }
      if (!Files.exists(current)) {
        Files.createDirectory(current);
        if (user.uid() != 0 || user.gid() != 0) {
          Files.setAttribute(current, "unix:uid", user.uid());
          Files.setAttribute(current, "unix:gid", user.gid());
        }
      }
    }
  }
}
