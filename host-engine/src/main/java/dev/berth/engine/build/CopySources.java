package dev.berth.engine.build;

import dev.berth.engine.util.Ids;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/** COPY/ADD sources: found in a root (the context or a stage's files) and hashed for the cache. */
final class CopySources {

  /** One source file or folder; {@code name} is what it is called at the destination. */
  record Source(Path path, String name) {}

  private CopySources() {}

  static List<Source> find(Path root, List<String> srcs, String cmd) throws IOException {
    List<Source> out = new ArrayList<>();
    for (String src : srcs) {
      String rel = ConfinedPath.clean(src);
      if (rel == null) {
        throw new BuildException(cmd + " failed: forbidden path outside the build context: " + src + " ()");
      }
      if (Globs.hasWildcard(rel)) {
        Pattern p = Pattern.compile(Globs.regex(rel));
        List<Path> matches = new ArrayList<>();
        try (var s = Files.walk(root)) {
          s.filter(x -> !x.equals(root) && p.matcher(root.relativize(x).toString()).matches()).forEach(matches::add);
        }
        matches.sort(Comparator.naturalOrder());
        for (Path m : matches) {
          out.add(new Source(m, m.getFileName().toString()));
        }
        continue;
      }
      Path path = ConfinedPath.resolve(root, rel, true);
      if (!Files.exists(path, FileCopy.NOFOLLOW)) {
        throw new BuildException(cmd + " failed: file not found in build context or excluded by .dockerignore: stat "
            + src + ": file does not exist");
      }
      out.add(new Source(path, path.equals(root) ? "" : path.getFileName().toString()));
    }
    if (out.isEmpty()) {
      throw new BuildException(cmd + " failed: no source files were specified");
    }
    return out;
  }

  /** dockerd's source id in created_by: "file:&lt;sha&gt;", "dir:&lt;sha&gt;", or "multi:&lt;sha&gt;" of several. */
  static String hash(List<Source> sources) throws IOException {
    List<String> each = new ArrayList<>();
    for (Source s : sources) {
      MessageDigest d = Ids.sha256();
      boolean dir = Files.isDirectory(s.path(), FileCopy.NOFOLLOW);
      if (dir) {
        List<Path> all;
        try (var w = Files.walk(s.path())) {
          all = w.sorted().toList();
        }
        for (Path p : all) {
          digest(d, s.path().relativize(p).toString(), p);
        }
      } else {
        digest(d, "", s.path());
      }
      each.add((dir ? "dir:" : "file:") + Ids.hex(d));
    }
    if (each.size() == 1) {
      return each.get(0);
    }
    MessageDigest d = Ids.sha256();
    d.update(String.join(",", each).getBytes(StandardCharsets.UTF_8));
    return "multi:" + Ids.hex(d);
  }

  /** Name, type, mode and content; not times or owners, which differ between clients for the same files. */
  private static void digest(MessageDigest d, String name, Path p) throws IOException {
    int mode = (Integer) Files.getAttribute(p, "unix:mode", FileCopy.NOFOLLOW);
    d.update((name + "\0" + Integer.toOctalString(mode) + "\0").getBytes(StandardCharsets.UTF_8));
    if (Files.isSymbolicLink(p)) {
      d.update(Files.readSymbolicLink(p).toString().getBytes(StandardCharsets.UTF_8));
    } else if (Files.isRegularFile(p, FileCopy.NOFOLLOW)) {
      try (InputStream in = Files.newInputStream(p)) {
        byte[] buf = new byte[1 << 16];
        int n;
        while ((n = in.read(buf)) > 0) {
          d.update(buf, 0, n);
        }
      }
    }
    d.update((byte) 0);
  }
}
