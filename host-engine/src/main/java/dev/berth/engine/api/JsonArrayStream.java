package dev.berth.engine.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.jackson.JacksonCodec;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Writes a long JSON array (500 containers are 300 KB) in chunks of about {@link #CHUNK} bytes,
 * encoded on the calling worker thread while the event loop sends the chunks already done. The
 * client (the gateway, the CLI) reads the first items while the last are still being encoded,
 * as it does from dockerd, which also answers a long list chunked; and the event loop never
 * spends milliseconds encoding. The bytes are those {@link Http#json} writes: the array and a
 * newline.
 */
public final class JsonArrayStream {

  static final int CHUNK = 16 << 10;
  private static final JsonFactory JSON = new JsonFactory();

  private JsonArrayStream() {
  }

  /** An item that writes its own JSON (a value already encoded, or mostly). */
  public interface Item {
    void appendTo(Buffer out);
  }

  /**
   * 200 with the array of items, in the same chunks as {@link #write}. Items are ready bytes, so
   * the event loop may call it for a list it can copy at once; otherwise a worker.
   */
  public static void writeItems(HttpServerResponse response, List<? extends Item> items) {
    response.setStatusCode(200).setChunked(true).putHeader("Content-Type", "application/json");
    Chunks out = new Chunks(response);
    out.pending.appendByte((byte) '[');
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        out.pending.appendByte((byte) ',');
      }
      items.get(i).appendTo(out.pending);
      out.sendIfFull();
      if (out.closed()) {
        return;
      }
    }
    out.pending.appendString("]\n");
    out.end();
  }

  /** 200 with the array; call it from a worker, not the event loop. */
  public static void write(HttpServerResponse response, JsonArray items) {
    response.setStatusCode(200).setChunked(true).putHeader("Content-Type", "application/json");
    Chunks out = new Chunks(response);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartArray();
      for (Object item : items) {
        JacksonCodec.encodeJson(item, g);
        if (out.closed()) {
          return;
        }
      }
      g.writeEndArray();
      g.writeRaw('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.end();
  }

  /** The generator's output, sent to the client whenever CHUNK bytes are ready. */
  private static final class Chunks extends OutputStream {
    private final HttpServerResponse response;
    private Buffer pending = Buffer.buffer(CHUNK + 8192);

    Chunks(HttpServerResponse response) {
      this.response = response;
    }

    /** The client has gone: the rest is not encoded. */
    boolean closed() {
      return response.closed();
    }

    @Override
    public void write(int b) {
      pending.appendByte((byte) b);
      sendIfFull();
    }

    @Override
    public void write(byte[] b, int off, int len) {
      pending.appendBytes(b, off, len);
      sendIfFull();
    }

    private void sendIfFull() {
      if (pending.length() >= CHUNK && !response.closed()) {
        response.write(pending);
        pending = Buffer.buffer(CHUNK + 8192);
      }
    }

    void end() {
      if (!response.closed()) {
        response.end(pending);
      }
    }
  }
}
