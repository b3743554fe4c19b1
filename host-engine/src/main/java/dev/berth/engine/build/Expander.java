package dev.berth.engine.build;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Docker's Dockerfile word rules: quotes, the escape character and $VAR / ${VAR} /
 * ${VAR:-default} / ${VAR:+alternative} from the build's variables (ENV over ARG).
 */
final class Expander {

  private final Map<String, String> vars;
  private final char escape;

  Expander(Map<String, String> vars, char escape) {
    this.vars = vars;
    this.escape = escape;
  }

  /** The text as one word: quotes removed and variables expanded, whitespace kept. */
  String word(String text) {
    List<String> out = scan(text, false);
    return out.isEmpty() ? "" : out.get(0);
  }

  /** The text split at unquoted whitespace, each word expanded. */
  List<String> words(String text) {
    return scan(text, true);
  }

  private List<String> scan(String s, boolean split) {
    List<String> words = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean started = false;
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (split && Character.isWhitespace(c)) {
        if (started) {
          words.add(cur.toString());
          cur.setLength(0);
          started = false;
        }
        i++;
        continue;
      }
      started = true;
      if (c == '\'') {
        int end = s.indexOf('\'', i + 1);
        if (end < 0) {
          throw new BuildException("unexpected end of statement while looking for matching single-quote");
        }
        cur.append(s, i + 1, end);
        i = end + 1;
      } else if (c == '"') {
        i = doubleQuoted(s, i + 1, cur);
      } else if (c == escape) {
        if (i + 1 < s.length()) {
          cur.append(s.charAt(i + 1));
          i += 2;
        } else {
          cur.append(c);
          i++;
        }
      } else if (c == '$') {
        i = dollar(s, i, cur);
      } else {
        cur.append(c);
        i++;
      }
    }
    if (started || !split) {
      words.add(cur.toString());
    }
    return words;
  }

  private int doubleQuoted(String s, int i, StringBuilder cur) {
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '"') {
        return i + 1;
      }
      if (c == escape && i + 1 < s.length()) {
        char n = s.charAt(i + 1);
        if (n == '"' || n == '$' || n == escape) {
          cur.append(n);
        } else {
          cur.append(c).append(n);
        }
        i += 2;
      } else if (c == '$') {
        i = dollar(s, i, cur);
      } else {
        cur.append(c);
        i++;
      }
    }
    throw new BuildException("unexpected end of statement while looking for matching double-quote");
  }

  /** Expands the variable at s[i] == '$'; returns the index after it. */
  private int dollar(String s, int i, StringBuilder cur) {
    if (i + 1 >= s.length()) {
      cur.append('$');
      return i + 1;
    }
    char n = s.charAt(i + 1);
    if (n == '{') {
      int end = closingBrace(s, i + 2);
      String inner = s.substring(i + 2, end);
      int name = 0;
      while (name < inner.length() && isNameChar(inner.charAt(name))) {
        name++;
      }
      String key = inner.substring(0, name);
      if (key.isEmpty()) {
        throw new BuildException("bad substitution: ${" + inner + "}");
      }
      String value = vars.get(key);
      String mod = inner.substring(name);
      if (mod.isEmpty()) {
        cur.append(value == null ? "" : value);
      } else if (mod.startsWith(":-") || mod.startsWith("-")) {
        boolean colon = mod.startsWith(":");
        boolean unset = value == null || (colon && value.isEmpty());
        cur.append(unset ? word(mod.substring(colon ? 2 : 1)) : value);
      } else if (mod.startsWith(":+") || mod.startsWith("+")) {
        boolean colon = mod.startsWith(":");
        boolean set = value != null && (!colon || !value.isEmpty());
        cur.append(set ? word(mod.substring(colon ? 2 : 1)) : "");
      } else {
        throw new BuildException("unsupported modifier (" + mod + ") in substitution");
      }
      return end + 1;
    }
    int j = i + 1;
    while (j < s.length() && isNameChar(s.charAt(j))) {
      j++;
    }
    if (j == i + 1) {
      cur.append('$');
      return i + 1;
    }
    String value = vars.get(s.substring(i + 1, j));
    cur.append(value == null ? "" : value);
    return j;
  }

  private static int closingBrace(String s, int from) {
    int depth = 1;
    for (int k = from; k < s.length(); k++) {
      char c = s.charAt(k);
      if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return k;
      }
    }
    throw new BuildException("missing '}' in substitution");
  }

  private static boolean isNameChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }
}
