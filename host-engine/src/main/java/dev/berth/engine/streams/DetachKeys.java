package dev.berth.engine.streams;

import dev.berth.engine.errors.EngineException;
import java.io.ByteArrayOutputStream;

/**
 * The key sequence that detaches a client from a TTY session without stopping the container
 * ("ctrl-p,ctrl-q" by default), parsed like Docker's term.ToBytes, and a matcher that holds back
 * bytes while they could still be the start of the sequence.
 */
public final class DetachKeys {

  public static final String DEFAULT = "ctrl-p,ctrl-q";

  private final byte[] keys;
  private int matched;

  private DetachKeys(byte[] keys) {
    this.keys = keys;
  }

  /** Parses a detach-key spec; null or empty means the default. Unknown keys are a 400. */
  public static DetachKeys parse(String spec) {
    String s = spec == null || spec.isEmpty() ? DEFAULT : spec;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String key : s.split(",", -1)) {
      if (key.length() == 1) {
        out.write(key.charAt(0));
      } else if (key.equals("DEL")) {
        out.write(127);
      } else if (key.startsWith("ctrl-") && key.length() == 6) {
        int code = control(key.charAt(5));
        if (code < 0) {
          throw invalid(s);
        }
        out.write(code);
      } else {
        throw invalid(s);
      }
    }
    return new DetachKeys(out.toByteArray());
  }

  private static int control(char c) {
    if (c >= 'a' && c <= 'z') {
      return c - 'a' + 1;
    }
    return switch (c) {
      case '@' -> 0;
      case '[' -> 27;
      case '\\' -> 28;
      case ']' -> 29;
      case '^' -> 30;
      case '_' -> 31;
      default -> -1;
    };
  }

  private static EngineException invalid(String spec) {
    return EngineException.invalidParameter("Invalid detach keys (" + spec + ") provided");
  }

  /** What one chunk of client input turned into. */
  public record Scan(byte[] forward, boolean detach) {}

  /**
   * Feeds client input. Bytes that are not part of a (possibly still incomplete) detach sequence
   * come back to be forwarded; a held-back prefix that then fails to match is released.
   */
  public Scan scan(byte[] input) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(input.length + keys.length);
    for (byte b : input) {
      if (b == keys[matched]) {
        matched++;
        if (matched == keys.length) {
          matched = 0;
          return new Scan(out.toByteArray(), true);
        }
        continue;
      }
      if (matched > 0) {
        out.write(keys, 0, matched);
        matched = 0;
        if (b == keys[0]) {
          matched = 1;
          if (keys.length == 1) {
            matched = 0;
            return new Scan(out.toByteArray(), true);
          }
          continue;
        }
      }
      out.write(b);
    }
    return new Scan(out.toByteArray(), false);
  }
}
