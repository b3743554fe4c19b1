package dev.berth.engine.images;

import io.vertx.core.json.JsonObject;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

/**
 * dockerd's per-layer progress messages ("Downloading" for a pull, "Pushing" for a push) with
 * current/total and the bar, reported as the layer's bytes go through.
 */
final class LayerProgress extends FilterInputStream {
  private static final long STEP = 512 * 1024;

  private final String status;
  private final long total;
  private final String id;
  private final Consumer<JsonObject> progress;
  private long current;
  private long reported;

  LayerProgress(InputStream in, String status, long total, String id, Consumer<JsonObject> progress) {
    super(in);
    this.status = status;
    this.total = total;
    this.id = id;
    this.progress = progress;
  }

  @Override
  public int read() throws IOException {
    int b = in.read();
    if (b >= 0) {
      advance(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buf, int off, int len) throws IOException {
    int n = in.read(buf, off, len);
    if (n > 0) {
      advance(n);
    }
    return n;
  }

  private void advance(long n) {
    current += n;
    if (current - reported >= STEP || (total > 0 && current == total)) {
      reported = current;
      progress.accept(
          new JsonObject()
              .put("status", status)
              .put("progressDetail", new JsonObject().put("current", current).put("total", total))
              .put("progress", bar())
              .put("id", id));
    }
  }

  private String bar() {
    int width = 50;
    int done = total > 0 ? (int) Math.min(width, current * width / total) : 0;
    String arrow = "=".repeat(Math.max(0, done - 1)) + (done > 0 && done < width ? ">" : done == width ? "=" : "");
    return "[" + arrow + " ".repeat(width - arrow.length()) + "] " + human(current) + "/" + human(total);
  }

  private static String human(long bytes) {
    if (bytes < 1000) {
      return bytes + "B";
    }
    if (bytes < 1_000_000) {
      return String.format("%.1fkB", bytes / 1000.0);
    }
    return String.format("%.1fMB", bytes / 1_000_000.0);
  }
}
