package dev.berth.engine.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes a long JSON array (500 containers are 300 KB) in chunks of about {@link #CHUNK} bytes,
 * item by item, while the event loop sends the chunks already done. The client (the gateway, the
 * CLI) reads the first items while the last are still being written, as it does from dockerd,
 * which also answers a long list chunked. The bytes are those {@link Http#json} writes: the array
 * and a newline.
 */
public final class JsonArrayStream {

  static final int CHUNK = 16 << 10;

  private JsonArrayStream() {
  }

  /** An item that writes its own JSON (a value already encoded, or mostly). */
  public interface Item {
    void appendTo(Buffer out);
  }

  /**
   * 200 with the array of items. Items that are ready bytes may be written from the event loop,
   * for a list it can copy at once; items to encode are written from a worker ({@link #write}).
   */
  public static void writeItems(HttpServerResponse response, List<? extends Item> items) {
    response.setStatusCode(200).setChunked(true).putHeader("Content-Type", "application/json");
    Buffer pending = Buffer.buffer(CHUNK + 8192).appendByte((byte) '[');
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        pending.appendByte((byte) ',');
      }
      items.get(i).appendTo(pending);
      if (response.closed()) {
        return; // the client has gone: the rest is not written
      }
      if (pending.length() >= CHUNK) {
        response.write(pending);
        pending = Buffer.buffer(CHUNK + 8192);
      }
    }
    if (!response.closed()) {
      response.end(pending.appendString("]\n"));
    }
  }

  /** 200 with the array, each value encoded as it is written; call it from a worker, not the event loop. */
  public static void write(HttpServerResponse response, JsonArray items) {
    List<Item> encoded = new ArrayList<>(items.size());
    for (Object item : items) {
      encoded.add(out -> out.appendBuffer(Json.encodeToBuffer(item)));
    }
    writeItems(response, encoded);
  }
}
