package dev.berth.engine.build;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dockerfile text to instructions, as moby's parser reads it: parser directives (escape) at
 * the top, comments, line continuations with the escape character, --flags and the JSON form.
 */
final class DockerfileParser {

  static final Set<String> KNOWN = Set.of("from", "run", "cmd", "entrypoint", "copy", "add", "env", "arg", "workdir",
      "label", "expose", "user", "volume", "healthcheck", "shell", "stopsignal", "maintainer", "onbuild");
  private static final Pattern DIRECTIVE = Pattern.compile("^#\\s*([a-zA-Z][a-zA-Z0-9]*)\\s*=\\s*(.+?)\\s*$");
  private static final Pattern FLAG = Pattern.compile("^--([a-zA-Z][a-zA-Z0-9-]*)(?:=(\\S*))?(?:\\s+|$)");

  private DockerfileParser() {}

  static List<Instruction> parse(String text) {
    String[] lines = text.replace("\r\n", "\n").split("\n", -1);
    char escape = '\\';
    int i = 0;
    // directives come first and stop at the first line that is not one
    for (; i < lines.length; i++) {
      Matcher m = DIRECTIVE.matcher(lines[i].strip());
      if (!m.matches()) {
        break;
      }
      if (m.group(1).equalsIgnoreCase("escape")) {
        String v = m.group(2);
        if (!v.equals("\\") && !v.equals("`")) {
          throw new BuildException("invalid ESCAPE '" + v + "'. Must be ` or \\");
        }
        escape = v.charAt(0);
      }
    }
    List<Instruction> out = new ArrayList<>();
    while (i < lines.length) {
      String line = lines[i];
      int start = i++;
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      StringBuilder joined = new StringBuilder();
      String part = line.stripTrailing();
      while (part.endsWith(String.valueOf(escape))) {
        joined.append(part, 0, part.length() - 1);
        part = null;
        // comment and empty lines inside a continuation are skipped
        while (i < lines.length) {
          String next = lines[i++];
          String t = next.strip();
          if (t.isEmpty() || t.startsWith("#")) {
            continue;
          }
          part = next.stripTrailing();
          break;
        }
        if (part == null) {
          break;
        }
      }
      if (part != null) {
        joined.append(part);
      }
      out.add(instruction(start + 1, joined.toString().strip(), escape));
    }
    return out;
  }

  private static Instruction instruction(int line, String text, char escape) {
    int sp = 0;
    while (sp < text.length() && !Character.isWhitespace(text.charAt(sp))) {
      sp++;
    }
    String keyword = text.substring(0, sp).toLowerCase();
    if (!KNOWN.contains(keyword)) {
      throw new BuildException("dockerfile parse error line " + line + ": unknown instruction: " + text.substring(0, sp).toUpperCase());
    }
    String rest = text.substring(sp).strip();
    Map<String, String> flags = new LinkedHashMap<>();
    if (Set.of("from", "copy", "add", "healthcheck", "run").contains(keyword)) {
      Matcher m;
      while ((m = FLAG.matcher(rest)).find()) {
        flags.put(m.group(1).toLowerCase(), m.group(2) == null ? "" : m.group(2));
        rest = rest.substring(m.end());
      }
    }
    List<String> json = null;
    if (rest.startsWith("[") && !Set.of("env", "label", "arg", "from", "user", "workdir", "stopsignal", "expose", "maintainer").contains(keyword)) {
      json = jsonArray(rest);
    }
    if (rest.isEmpty() && !keyword.equals("healthcheck")) {
      throw new BuildException("dockerfile parse error line " + line + ": " + keyword.toUpperCase() + " requires at least one argument");
    }
    return new Instruction(line, keyword, text, flags, rest, json, escape);
  }

  /** The exec form: a JSON array of strings; anything else is the shell form (null). */
  private static List<String> jsonArray(String rest) {
    try {
      JsonArray a = new JsonArray(rest);
      List<String> out = new ArrayList<>();
      for (Object o : a) {
        if (!(o instanceof String s)) {
          return null;
        }
        out.add(s);
      }
      return out;
    } catch (DecodeException notJson) {
      return null;
    }
  }
}
