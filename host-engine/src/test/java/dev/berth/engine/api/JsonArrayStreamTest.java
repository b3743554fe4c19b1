package dev.berth.engine.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A long list goes out in chunks, with the same bytes Http.json writes at once, over a real server. */
class JsonArrayStreamTest {

  private static Vertx vertx;
  private static HttpServer server;
  private static JsonArray list;

  @BeforeAll
  static void start() throws Exception {
    list = new JsonArray();
    for (int i = 0; i < 500; i++) {
      list.add(new JsonObject().put("Id", "%064d".formatted(i)).put("Names", new JsonArray().add("/c-" + i))
          .put("Created", 1_700_000_000L + i).put("Labels", new JsonObject().put("k", "v\"\u00e9\u4e2d"))
          .put("Ports", new JsonArray()).put("Mounts", null)
          .put("NetworkSettings", new JsonObject().put("Networks", new JsonObject().put("bridge",
              new JsonObject().put("IPAddress", "10.0.0." + i % 250).put("Aliases", null)))));
    }
    vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    router.get("/whole").handler(ctx -> Http.json(ctx, 200, list));
    router.get("/stream").handler(ctx -> ctx.vertx().executeBlocking(() -> {
      JsonArrayStream.write(ctx.response(), list);
      return null;
    }, false));
    // items that write their own bytes (the containers' snapshots), here each object's encoding
    List<JsonArrayStream.Item> items = new ArrayList<>();
    list.forEach(o -> items.add(out -> out.appendBuffer(((JsonObject) o).toBuffer())));
    router.get("/items").handler(ctx -> ctx.vertx().executeBlocking(() -> {
      JsonArrayStream.writeItems(ctx.response(), items);
      return null;
    }, false));
    router.get("/no-items").handler(ctx -> ctx.vertx().executeBlocking(() -> {
      JsonArrayStream.writeItems(ctx.response(), List.of());
      return null;
    }, false));
    router.get("/empty").handler(ctx -> ctx.vertx().executeBlocking(() -> {
      JsonArrayStream.write(ctx.response(), new JsonArray());
      return null;
    }, false));
    server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  @Test
  void theSameBytesAsAWholeAnswerInSeveralChunks() throws IOException {
    Answer whole = get("/whole");
    Answer streamed = get("/stream");
    assertTrue(whole.head.contains("content-length:"), whole.head);
    assertTrue(streamed.head.contains("transfer-encoding: chunked"), streamed.head);
    assertTrue(streamed.head.contains("content-type: application/json"), streamed.head);
    assertArrayEquals(whole.body, streamed.body);
    assertTrue(whole.body.length > 3 * JsonArrayStream.CHUNK, "the list is long enough to need chunks");
    assertChunks(streamed, 8 << 10);
    assertEquals(list, new JsonArray(new String(streamed.body, StandardCharsets.UTF_8)));
  }

  @Test
  void itemsWriteTheSameBytesInTheSameChunks() throws IOException {
    Answer whole = get("/whole");
    Answer items = get("/items");
    assertTrue(items.head.contains("transfer-encoding: chunked"), items.head);
    assertTrue(items.head.contains("content-type: application/json"), items.head);
    assertArrayEquals(whole.body, items.body);
    assertChunks(items, 1023);
  }

  @Test
  void anEmptyList() throws IOException {
    assertEquals("[]\n", new String(get("/empty").body, StandardCharsets.UTF_8));
    assertEquals("[]\n", new String(get("/no-items").body, StandardCharsets.UTF_8));
  }

  private record Answer(String head, byte[] body, List<Integer> chunks) {
  }

  /**
   * At least 3 chunks, each but the last CHUNK bytes plus at most {@code over}: an item is a few
   * hundred bytes, and a chunk goes as soon as it passes CHUNK.
   */
  private static void assertChunks(Answer a, int over) {
    assertTrue(a.chunks.size() >= 3, a.chunks.toString());
    for (int size : a.chunks.subList(0, a.chunks.size() - 1)) {
      assertTrue(size >= JsonArrayStream.CHUNK && size <= JsonArrayStream.CHUNK + over,
          "chunk of " + size + " bytes: " + a.chunks);
    }
  }

  /** HTTP/1.1 GET on a new connection, reading the chunk framing itself. */
  private static Answer get(String path) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", server.actualPort())) {
      OutputStream out = socket.getOutputStream();
      out.write(("GET " + path + " HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      StringBuilder head = new StringBuilder();
      String line;
      while (!(line = line(in)).isEmpty()) {
        head.append(line.toLowerCase()).append('\n');
      }
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      List<Integer> chunks = new ArrayList<>();
      if (head.indexOf("transfer-encoding: chunked") >= 0) {
        int size;
        while ((size = Integer.parseInt(line(in).trim(), 16)) > 0) {
          chunks.add(size);
          body.write(in.readNBytes(size));
          line(in);
        }
      } else {
        body.write(in.readAllBytes());
      }
      return new Answer(head.toString(), body.toByteArray(), chunks);
    }
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder s = new StringBuilder();
    int c;
    while ((c = in.read()) >= 0 && c != '\n') {
      if (c != '\r') {
        s.append((char) c);
      }
    }
    return s.toString();
  }
}
