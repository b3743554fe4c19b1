package dev.berth.engine.build;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * .dockerignore patterns as moby's fileutils reads them: Go glob syntax plus "**", "!" to
 * re-include, the last matching pattern wins, and a pattern that matches a folder matches
 * everything in it.
 */
final class DockerIgnore {

  private record Rule(Pattern regex, boolean exclusion) {}

  private final List<Rule> rules = new ArrayList<>();

  DockerIgnore(String text) {
    for (String raw : text.split("\n")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      boolean exclusion = line.startsWith("!");
      if (exclusion) {
        line = line.substring(1).strip();
      }
      String clean = ConfinedPath.clean(line);
      if (clean == null || clean.isEmpty()) {
        continue;
      }
      rules.add(new Rule(Pattern.compile(Globs.regex(clean)), exclusion));
    }
  }

  boolean isEmpty() {
    return rules.isEmpty();
  }

  /** Whether the context path ("a/b/c", relative) is ignored. */
  boolean ignores(String path) {
    boolean ignored = false;
    for (Rule r : rules) {
      if (matchesSelfOrParent(r.regex(), path)) {
        ignored = !r.exclusion();
      }
    }
    return ignored;
  }

  private static boolean matchesSelfOrParent(Pattern p, String path) {
    if (p.matcher(path).matches()) {
      return true;
    }
    for (int i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) {
      if (p.matcher(path.substring(0, i)).matches()) {
        return true;
      }
    }
    return false;
  }
}
