package dev.berth.gateway.resources;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes JSON of a fixed shape straight into a byte array, for the container list: field names
 * are written as prepared bytes, and strings the engine sent without escapes are copied as the
 * bytes they already are. The caller writes the punctuation; nothing checks it (a generator's
 * per-call bookkeeping was most of the cost of a page).
 */
final class JsonBytes {

  private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);

  private byte[] out;
  private int length;

  JsonBytes(int sizeHint) {
    out = new byte[Math.max(64, sizeHint)];
  }

  /** {@code "name":} as bytes, prepared once per field name. */
  static byte[] field(String name) {
    return ("\"" + name + "\":").getBytes(StandardCharsets.UTF_8);
  }

  JsonBytes raw(byte[] bytes) {
    room(bytes.length);
    System.arraycopy(bytes, 0, out, length, bytes.length);
    length += bytes.length;
    return this;
  }

  JsonBytes raw(char c) {
    room(1);
    out[length++] = (byte) c;
    return this;
  }

  /** A string read by JsonScanner, or null. */
  JsonBytes string(JsonScanner.Str value) {
    if (value == null) {
      return raw(NULL);
    }
    if (!value.plain()) {
      return string(value.text());
    }
    room(value.length() + 2);
    out[length++] = '"';
    System.arraycopy(value.source(), value.start(), out, length, value.length());
    length += value.length();
    out[length++] = '"';
    return this;
  }

  JsonBytes string(String value) {
    if (value == null) {
      return raw(NULL);
    }
    raw('"');
    raw(JsonStringEncoder.getInstance().quoteAsUTF8(value));
    return raw('"');
  }

  JsonBytes number(long value) {
    return raw(Long.toString(value).getBytes(StandardCharsets.US_ASCII));
  }

  JsonBytes number(Integer value) {
    return value == null ? raw(NULL) : number(value.longValue());
  }

  /** The bytes written, as a Buffer over the same array (no copy). */
  Buffer toBuffer() {
    return BufferInternal.buffer(Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(out, 0, length)));
  }

  private void room(int n) {
    if (length + n > out.length) {
      out = Arrays.copyOf(out, Math.max(out.length * 2, length + n));
    }
  }
}
