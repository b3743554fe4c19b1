package dev.berth.engine.build;

import java.util.List;
import java.util.Map;

/**
 * One Dockerfile instruction as parsed: the keyword (lower case), its --flags, the text after
 * the flags, and, for the JSON (exec) form, its array of strings.
 *
 * @param original the instruction as written (continuations joined), for "Step N/M : ..."
 * @param json the exec form's strings, or null for the shell form
 * @param escape the file's escape character (a backslash, or ` after "# escape=`")
 */
record Instruction(int line, String keyword, String original, Map<String, String> flags, String rest, List<String> json, char escape) {

  boolean isJson() {
    return json != null;
  }
}
