package dev.berth.engine.build;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The build's response stream in Docker's JSON message form: {"stream": ...} lines, the image id
 * in {"aux": {"ID": ...}} and a failure as {"errorDetail": ...}. Quiet mode (q=1) holds the
 * messages back and sends them only with an error, as dockerd does. A client that went away
 * makes writes fail, which stops the build.
 */
final class Progress {

  private final OutputStream out;
  private final boolean quiet;
  private final java.util.List<JsonObject> held = new java.util.ArrayList<>();

  Progress(OutputStream out, boolean quiet) {
    this.out = out;
    this.quiet = quiet;
  }

  void stream(String text) {
    JsonObject m = new JsonObject().put("stream", text);
    if (quiet) {
      held.add(m);
    } else {
      send(m);
    }
  }

  /** RUN output; stderr in red, as dockerd's builder colours it. */
  void output(boolean stderr, String text) {
    stream(stderr ? "\u001b[91m" + text + "\u001b[0m" : text);
  }

  /** The image id: in aux, and in quiet mode also as the one stream line that `docker build -q` prints. */
  void aux(String imageId) {
    send(new JsonObject().put("aux", new JsonObject().put("ID", imageId)));
    if (quiet) {
      held.clear();
      send(new JsonObject().put("stream", imageId + "\n"));
    }
  }

  void error(String message, int code) {
    held.forEach(this::send);
    held.clear();
    JsonObject detail = new JsonObject();
    if (code != 1) {
      detail.put("code", code);
    }
    send(new JsonObject().put("errorDetail", detail.put("message", message)).put("error", message));
  }

  private void send(JsonObject message) {
    try {
      out.write((message.encode() + "\r\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
