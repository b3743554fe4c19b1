package dev.berth.engine.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/**
 * Resolves a path the way the container would see it, without ever leaving the container: ".."
 * stops at "/", and symlinks (relative or absolute) are read on the host but followed inside the
 * container's tree, component by component, so no link can point the engine at a host path.
 */
public final class ScopedPath {

  private static final int MAX_LINKS = 40;

  private ScopedPath() {}

  /**
   * The clean absolute container path that {@code path} names, with every symlink resolved
   * ({@code followLast} false keeps a final symlink itself). {@code hostOf} maps a clean container
   * path to where it lives on the host (the rootfs, or a volume mounted over it).
   */
  public static String resolve(String path, Function<String, Path> hostOf, boolean followLast) throws IOException {
    // like dockerd, the user's path is cleaned lexically first; ".." in link targets is physical
    Deque<String> todo = new ArrayDeque<>(parts(clean(path)));
    List<String> done = new ArrayList<>();
    int links = 0;
    while (!todo.isEmpty()) {
      String part = todo.pollFirst();
      if (part.equals("..")) {
        if (!done.isEmpty()) {
          done.remove(done.size() - 1);
        }
        continue;
      }
      done.add(part);
      if (todo.isEmpty() && !followLast) {
        break;
      }
      Path host = hostOf.apply(join(done));
      if (!Files.isSymbolicLink(host)) {
        continue;
      }
      if (++links > MAX_LINKS) {
        throw new IOException("too many levels of symbolic links: " + path);
      }
      String target = Files.readSymbolicLink(host).toString();
      done.remove(done.size() - 1);
      if (target.startsWith("/")) {
        done.clear();
      }
      List<String> t = parts(target);
      for (int i = t.size() - 1; i >= 0; i--) {
        todo.addFirst(t.get(i));
      }
    }
    return join(done);
  }

  /** The lexically clean absolute form of a path (".." stops at "/"), no symlink looked at. */
  public static String clean(String path) {
    List<String> done = new ArrayList<>();
    for (String part : parts(path)) {
      if (part.equals("..")) {
        if (!done.isEmpty()) {
          done.remove(done.size() - 1);
        }
      } else {
        done.add(part);
      }
    }
    return join(done);
  }

  /** A rootfs-only mapping: container path "/a/b" is root/a/b. */
  public static Function<String, Path> under(Path root) {
    return p -> p.equals("/") ? root : root.resolve(p.substring(1));
  }

  private static List<String> parts(String path) {
    List<String> out = new ArrayList<>();
    for (String p : path.split("/")) {
      if (!p.isEmpty() && !p.equals(".")) {
        out.add(p);
      }
    }
    return out;
  }

  private static String join(List<String> parts) {
    return "/" + String.join("/", parts);
  }
}
