package dev.berth.gateway.resources;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A forward-only reader of JSON bytes for the container list, the gateway's hottest path:
 * values it does not need are skipped by scanning for their end, and strings are kept as
 * slices of the input. A tokenizing parser spent most of a list on the engine's fields the
 * gateway drops (NetworkSettings, HostConfig, Mounts). Strings with escapes or non-ASCII
 * bytes are decoded by Jackson, which also validates them.
 */
final class JsonScanner {

  private static final JsonFactory JSON = new JsonFactory();

  /** A string value: a slice of the input holding its bytes between the quotes. */
  static final class Str {
    private final byte[] source;
    private final int start;
    private final int end;
    /** Printable ASCII without escapes: the slice is already its own JSON encoding. */
    private final boolean plain;
    private String text;

    private Str(byte[] source, int start, int end, boolean plain) {
      this.source = source;
      this.start = start;
      this.end = end;
      this.plain = plain;
    }

    private Str(String text) {
      this(null, 0, 0, false);
      this.text = text;
    }

    String text() {
      if (text == null) {
        text = plain ? new String(source, start, end - start, StandardCharsets.ISO_8859_1) : decode();
      }
      return text;
    }

    boolean plain() {
      return plain;
    }

    byte[] source() {
      return source;
    }

    int start() {
      return start;
    }

    int length() {
      return end - start;
    }

    /** The same string without a leading '/' (Docker's container names). */
    Str withoutSlash() {
      if (plain) {
        return end > start && source[start] == '/' ? new Str(source, start + 1, end, true) : this;
      }
      return text().startsWith("/") ? new Str(text().substring(1)) : this;
    }

    private String decode() {
      try (JsonParser p = JSON.createParser(source, start - 1, end - start + 2)) {
        if (p.nextToken() != JsonToken.VALUE_STRING) {
          throw new IllegalStateException("not a JSON string at byte " + (start - 1));
        }
        return p.getText();
      } catch (IOException e) {
        throw new IllegalStateException("invalid JSON string at byte " + (start - 1) + ": " + e.getMessage(), e);
      }
    }
  }

  /**
   * Thrown instead of an error when the input ran out and more of it is still to come: the
   * caller tries again from a point it knows, with more bytes. Without a stack trace: it is
   * expected, once per arrival of bytes.
   */
  static final class Incomplete extends RuntimeException {
    private Incomplete() {
      super("incomplete input", null, false, false);
    }
  }

  private static final Incomplete INCOMPLETE = new Incomplete();

  private final byte[] in;
  private int pos;
  private final int limit;
  /** The input may go on past limit: running out is {@link Incomplete}, not an error. */
  private final boolean more;

  JsonScanner(byte[] in, int offset, int length) {
    this(in, offset, length, false);
  }

  JsonScanner(byte[] in, int offset, int length, boolean more) {
    this.in = in;
    this.pos = offset;
    this.limit = offset + length;
    this.more = more;
  }

  /** The index in the input of the next byte to read. */
  int position() {
    return pos;
  }

  /** The next significant byte, not consumed; -1 at the end. */
  int peek() {
    while (pos < limit) {
      byte b = in[pos];
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return b;
      }
      pos++;
    }
    return -1;
  }

  void expect(char c) {
    if (peek() != c) {
      throw error("expected '" + c + "'");
    }
    pos++;
  }

  /** Consumes c when it is next. */
  boolean consume(char c) {
    if (peek() == c) {
      pos++;
      return true;
    }
    return false;
  }

  /** Starts an object ('{' consumed by the caller) or continues one: true while there is a field. */
  boolean nextField(boolean first) {
    if (consume('}')) {
      return false;
    }
    if (!first) {
      expect(',');
    }
    return true;
  }

  /** Like nextField for arrays, after '['. */
  boolean nextElement(boolean first) {
    if (consume(']')) {
      return false;
    }
    if (!first) {
      expect(',');
    }
    return true;
  }

  /** A field name and its colon. */
  Str name() {
    Str name = string();
    expect(':');
    return name;
  }

  /** True when the field name slice equals the given ASCII name. */
  static boolean is(Str name, String ascii) {
    int n = ascii.length();
    if (!name.plain || name.length() != n) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (name.source[name.start + i] != ascii.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** Consumes a null literal when it is next. */
  boolean consumeNull() {
    if (peek() == 'n') {
      literal("null");
      return true;
    }
    return false;
  }

  Str string() {
    expect('"');
    int start = pos;
    boolean plain = true;
    while (true) {
      if (pos >= limit) {
        throw error("unterminated string");
      }
      byte b = in[pos];
      if (b == '"') {
        break;
      }
      if (b == '\\') {
        plain = false;
        pos += 2;
        continue;
      }
      if (b < 0x20 || b == 0x7f) {
        plain = false;
      }
      pos++;
    }
    Str s = new Str(in, start, pos, plain);
    pos++;
    if (!plain) {
      s.text();
    }
    return s;
  }

  /** A string, or null for a JSON null. */
  Str stringOrNull() {
    return consumeNull() ? null : string();
  }

  /** A number as a long (fractions truncated, as Jackson's getValueAsLong does). */
  long number() {
    int c = peek();
    if (c != '-' && (c < '0' || c > '9')) {
      throw error("expected a number");
    }
    int start = pos;
    boolean integral = true;
    pos++;
    while (pos < limit) {
      byte b = in[pos];
      if (b >= '0' && b <= '9') {
        pos++;
      } else if (b == '.' || b == 'e' || b == 'E' || b == '+' || b == '-') {
        integral = false;
        pos++;
      } else {
        break;
      }
    }
    String text = new String(in, start, pos - start, StandardCharsets.ISO_8859_1);
    try {
      return integral && pos - start < 19 ? Long.parseLong(text) : new java.math.BigDecimal(text).longValue();
    } catch (NumberFormatException e) {
      throw error("invalid number " + text);
    }
  }

  /** Skips one value of any kind by scanning for its end. */
  void skipValue() {
    int c = peek();
    switch (c) {
      case '"' -> string();
      case '{', '[' -> skipNested();
      case 't' -> literal("true");
      case 'f' -> literal("false");
      case 'n' -> literal("null");
      default -> number();
    }
  }

  private void skipNested() {
    int depth = 0;
    while (pos < limit) {
      byte b = in[pos++];
      if (b == '"') {
        while (true) {
          if (pos >= limit) {
            throw error("unterminated string");
          }
          byte s = in[pos++];
          if (s == '"') {
            break;
          }
          if (s == '\\') {
            pos++;
          }
        }
      } else if (b == '{' || b == '[') {
        depth++;
      } else if (b == '}' || b == ']') {
        if (--depth == 0) {
          return;
        }
      }
    }
    throw error("unterminated object or array");
  }

  private void literal(String word) {
    peek();
    int n = word.length();
    for (int i = 0; i < n; i++) {
      if (pos + i >= limit) {
        pos = limit;
        throw error("expected " + word);
      }
      if (in[pos + i] != word.charAt(i)) {
        throw error("expected " + word);
      }
    }
    pos += n;
  }

  void end() {
    if (peek() != -1) {
      throw error("unexpected data after the end");
    }
  }

  private RuntimeException error(String what) {
    if (more && pos >= limit) {
      return INCOMPLETE;
    }
    return new IllegalStateException(what + " at byte " + pos);
  }
}
