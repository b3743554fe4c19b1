package dev.berth.engine.images;

import dev.berth.engine.errors.EngineException;
import java.util.ArrayList;
import java.util.List;

/**
 * The Dockerfile word rules: whitespace splits words outside quotes; single quotes are
 * literal; double quotes keep spaces and still expand $VAR; a backslash escapes the next
 * character; ${VAR:-default} and ${VAR:+alternative} as in a shell.
 */
final class ShellWords {

  private ShellWords() {}

  /** Splits on unquoted whitespace, keeping quotes and escapes in the words. */
  static List<String> split(String text) {
    List<String> words = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    char quote = 0;
    boolean inWord = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote == 0 && Character.isWhitespace(c)) {
        if (inWord) {
          words.add(w.toString());
          w.setLength(0);
          inWord = false;
        }
        continue;
      }
      inWord = true;
      w.append(c);
      if (c == '\\' && quote != '\'' && i + 1 < text.length()) {
        w.append(text.charAt(++i));
      } else if (quote == 0 && (c == '\'' || c == '"')) {
        quote = c;
      } else if (c == quote) {
        quote = 0;
      }
    }
    if (quote != 0) {
      throw EngineException.invalidParameter("unexpected end of statement while looking for matching " + quote);
    }
    if (inWord) {
      words.add(w.toString());
    }
    return words;
  }

  /** Removes quotes and escapes and expands variables from {@code env} ("K=V" entries). */
  static String expand(String word, List<String> env) {
    StringBuilder out = new StringBuilder();
    char quote = 0;
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      if (quote == '\'') {
        if (c == '\'') {
          quote = 0;
        } else {
          out.append(c);
        }
      } else if (c == '\\' && i + 1 < word.length()) {
        char next = word.charAt(++i);
        // inside double quotes only \" \\ \$ are escapes; elsewhere any character
        if (quote == '"' && next != '"' && next != '\\' && next != '$') {
          out.append('\\');
        }
        out.append(next);
      } else if (c == '"') {
        quote = quote == '"' ? 0 : '"';
      } else if (c == '\'' && quote == 0) {
        quote = '\'';
      } else if (c == '$') {
        i = variable(word, i, env, out);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** Expands the variable at {@code word[i] == '$'}; returns the index of its last character. */
  private static int variable(String word, int i, List<String> env, StringBuilder out) {
    if (i + 1 >= word.length()) {
      out.append('$');
      return i;
    }
    char next = word.charAt(i + 1);
    if (next == '{') {
      int close = word.indexOf('}', i + 2);
      if (close < 0) {
        throw EngineException.invalidParameter("missing '}' in " + word);
      }
      String body = word.substring(i + 2, close);
      int colon = body.indexOf(':');
      String name = colon < 0 ? body : body.substring(0, colon);
      String value = lookup(name, env);
      if (colon >= 0 && body.length() > colon + 1) {
        char op = body.charAt(colon + 1);
        String arg = expand(body.substring(colon + 2), env);
        if (op == '-') {
          value = value == null || value.isEmpty() ? arg : value;
        } else if (op == '+') {
          value = value == null || value.isEmpty() ? "" : arg;
        } else {
          throw EngineException.invalidParameter("unsupported modifier (" + op + ") in substitution");
        }
      }
      out.append(value == null ? "" : value);
      return close;
    }
    int end = i + 1;
    while (end < word.length() && (Character.isLetterOrDigit(word.charAt(end)) || word.charAt(end) == '_')) {
      end++;
    }
    if (end == i + 1) {
      out.append('$');
      return i;
    }
    String value = lookup(word.substring(i + 1, end), env);
    out.append(value == null ? "" : value);
    return end - 1;
  }

  private static String lookup(String name, List<String> env) {
    String found = null;
    for (String e : env) {
      if (e.startsWith(name + "=")) {
        found = e.substring(name.length() + 1);
      }
    }
    return found;
  }
}
