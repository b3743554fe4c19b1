package dev.berth.engine.build;

import java.util.List;
import java.util.stream.Collectors;

/** Go's fmt renderings that dockerd's builder writes into history created_by strings. */
final class GoFormat {

  private GoFormat() {}

  /** %q of a []string: ["a" "b"]. */
  static String quotedList(List<String> items) {
    return items.stream().map(GoFormat::quote).collect(Collectors.joining(" ", "[", "]"));
  }

  /** %v of a []string: [a b]. */
  static String plainList(List<String> items) {
    return "[" + String.join(" ", items) + "]";
  }

  /** %q of a string. */
  static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        case '\r' -> b.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            b.append(String.format("\\x%02x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  /** %q of an int: a quoted rune, '\x00' for 0. */
  static String quoteRune(int r) {
    if (r == '\'' || r == '\\') {
      return "'\\" + (char) r + "'";
    }
    if (r >= 0x20 && r < 0x7f) {
      return "'" + (char) r + "'";
    }
    return r < 0x100 ? String.format("'\\x%02x'", r) : String.format("'\\u%04x'", r);
  }

  /** time.Duration's String(): 0s, 500ms, 5s, 1m30s, 1h0m0s. */
  static String duration(long ns) {
    if (ns == 0) {
      return "0s";
    }
    if (ns < 1_000) {
      return ns + "ns";
    }
    if (ns < 1_000_000) {
      return fraction(ns, 1_000) + "µs";
    }
    if (ns < 1_000_000_000) {
      return fraction(ns, 1_000_000) + "ms";
    }
    long h = ns / 3_600_000_000_000L;
    long m = ns / 60_000_000_000L % 60;
    long rest = ns % 60_000_000_000L;
    StringBuilder b = new StringBuilder();
    if (h > 0) {
      b.append(h).append('h');
    }
    if (h > 0 || m > 0) {
      b.append(m).append('m');
    }
    return b.append(fraction(rest, 1_000_000_000)).append('s').toString();
  }

  private static String fraction(long v, long unit) {
    long whole = v / unit;
    long frac = v % unit;
    if (frac == 0) {
      return Long.toString(whole);
    }
    String digits = String.format("%0" + Long.toString(unit).length() + "d", frac).substring(1);
    return whole + "." + digits.replaceAll("0+$", "");
  }
}
