package dev.berth.engine.containers;

import dev.berth.engine.errors.EngineException;
import java.util.List;
import java.util.Locale;

/** Signal names and numbers as the docker CLI sends them: "9", "KILL", "SIGKILL", "SIGRTMIN+3". */
final class Signals {

  static final int SIGKILL = 9;
  static final int SIGTERM = 15;

  private static final List<String> NAMES =
      List.of(
          "", "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV",
          "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU",
          "URG", "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS");
  private static final int RTMIN = 34;
  private static final int RTMAX = 64;

  private Signals() {}

  static int parse(String value) {
    String s = value.strip().toUpperCase(Locale.ROOT);
    if (s.matches("\\d+")) {
      int n = Integer.parseInt(s);
      if (n >= 1 && n <= RTMAX) {
        return n;
      }
      throw EngineException.invalidParameter("Invalid signal: " + value);
    }
    if (s.startsWith("SIG")) {
      s = s.substring(3);
    }
    int i = NAMES.indexOf(s);
    if (i > 0) {
      return i;
    }
    if (s.equals("IOT")) {
      return 6;
    }
    if (s.equals("POLL")) {
      return 29;
    }
    if (s.startsWith("RTMIN")) {
      int off = s.length() == 5 ? 0 : offset(s.substring(5), value);
      if (RTMIN + off <= RTMAX) {
        return RTMIN + off;
      }
    }
    if (s.startsWith("RTMAX")) {
      int off = s.length() == 5 ? 0 : offset(s.substring(5), value);
      if (RTMAX + off >= RTMIN && off <= 0) {
        return RTMAX + off;
      }
    }
    throw EngineException.invalidParameter("Invalid signal: " + value);
  }

  private static int offset(String s, String original) {
    try {
      return Integer.parseInt(s.startsWith("+") ? s.substring(1) : s);
    } catch (NumberFormatException e) {
      throw EngineException.invalidParameter("Invalid signal: " + original);
    }
  }
}
