package dev.berth.engine.build;

import java.util.regex.Pattern;

/** Go filepath.Match patterns (with moby's "**") as Java regexes over "/"-separated paths. */
final class Globs {

  private Globs() {}

  static boolean hasWildcard(String s) {
    return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0;
  }

  static String regex(String glob) {
    StringBuilder r = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*') {
        if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
          i++;
          if (i + 1 < glob.length() && glob.charAt(i + 1) == '/') {
            i++;
            r.append("(?:.*/)?");
          } else {
            r.append(".*");
          }
        } else {
          r.append("[^/]*");
        }
      } else if (c == '?') {
        r.append("[^/]");
      } else if (c == '[') {
        int end = glob.indexOf(']', i + 1);
        if (end < 0) {
          r.append("\\[");
          continue;
        }
        String cls = glob.substring(i + 1, end);
        if (cls.startsWith("^") || cls.startsWith("!")) {
          cls = "^" + cls.substring(1);
        }
        r.append('[').append(cls.replace("\\", "\\\\").replace("[", "\\[")).append(']');
        i = end;
      } else if (c == '\\' && i + 1 < glob.length()) {
        r.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
      } else {
        r.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return r.toString();
  }
}
