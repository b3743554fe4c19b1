package dev.berth.engine.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * A path inside a root folder with its symlinks resolved as if the root were "/": an absolute
 * link restarts at the root and ".." stops there, so no step ever leaves the root.
 */
final class ConfinedPath {

  private static final int MAX_LINKS = 255;

  private ConfinedPath() {}

  /** Resolves {@code path} (absolute or relative to the root); the last component's link only when {@code followLast}. */
  static Path resolve(Path root, String path, boolean followLast) throws IOException {
    Deque<String> todo = new ArrayDeque<>(components(path));
    List<String> done = new ArrayList<>();
    int links = 0;
    while (!todo.isEmpty()) {
      String c = todo.pollFirst();
      if (c.equals(".")) {
        continue;
      }
      if (c.equals("..")) {
        if (!done.isEmpty()) {
          done.remove(done.size() - 1);
        }
        continue;
      }
      Path candidate = join(root, done).resolve(c);
      boolean last = todo.isEmpty();
      if (Files.isSymbolicLink(candidate) && (!last || followLast)) {
        if (++links > MAX_LINKS) {
          throw new IOException("too many levels of symbolic links: " + path);
        }
        String target = Files.readSymbolicLink(candidate).toString();
        if (target.startsWith("/")) {
          done.clear();
        }
        List<String> parts = components(target);
        for (int i = parts.size() - 1; i >= 0; i--) {
          todo.addFirst(parts.get(i));
        }
        continue;
      }
      done.add(c);
    }
    return join(root, done);
  }

  /** The normalised path relative to "/" ("a/../b" is "b"), or null when ".." climbs above it. */
  static String clean(String path) {
    List<String> out = new ArrayList<>();
    for (String c : components(path)) {
      if (c.equals("..")) {
        if (out.isEmpty()) {
          return null;
        }
        out.remove(out.size() - 1);
      } else if (!c.equals(".")) {
        out.add(c);
      }
    }
    return String.join("/", out);
  }

  private static List<String> components(String path) {
    return Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
  }

  private static Path join(Path root, List<String> parts) {
    Path p = root;
    for (String s : parts) {
      p = p.resolve(s);
    }
    return p;
  }
}
