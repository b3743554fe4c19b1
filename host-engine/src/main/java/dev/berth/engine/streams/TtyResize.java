package dev.berth.engine.streams;

import dev.berth.engine.errors.EngineException;
import java.io.RandomAccessFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resizes a conmon-held TTY through its control FIFO. Blocking: call from a worker. */
public final class TtyResize {

  private TtyResize() {}

  /** A resize query value (h or w): a non-negative integer, else a 400 worded like dockerd's. */
  public static int dimension(RoutingContext ctx, String name) {
    String v = ctx.request().getParam(name);
    try {
      int n = Integer.parseInt(v == null ? "" : v);
      if (n < 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw EngineException.invalidParameter("strconv.Atoi: parsing \"" + (v == null ? "" : v) + "\": invalid syntax");
    }
  }

  /**
   * Writes the new size to conmon. The FIFO is opened read-write, which never blocks: a plain
   * write-only open would wait forever once conmon (its reader) has gone with the process.
   */
  public static void write(Path ctlFifo, int height, int width) {
    if (!Files.exists(ctlFifo) || Files.isRegularFile(ctlFifo) || Files.isDirectory(ctlFifo)) {
      throw EngineException.conflict("the TTY of this process is gone: it is not running");
    }
    try (RandomAccessFile fifo = new RandomAccessFile(ctlFifo.toFile(), "rw")) {
      fifo.write(("1 " + height + " " + width + "\n").getBytes(StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw EngineException.system("cannot resize the TTY: " + e.getMessage(), e);
    }
  }
}
