package dev.berth.gateway.hosts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BlockingReadStreamTest {

  private final Vertx vertx = Vertx.vertx();
  private final ExecutorService readers = Executors.newCachedThreadPool();

  @AfterEach
  void tearDown() {
    readers.shutdownNow();
    vertx.close();
  }

  /** An endless engine stream that counts what was taken from it. */
  private static final class Endless extends InputStream {
    final AtomicLong read = new AtomicLong();
    final AtomicBoolean closed = new AtomicBoolean();

    @Override
    public int read() {
      read.incrementAndGet();
      return 'x';
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (closed.get()) {
        return -1;
      }
      read.addAndGet(len);
      return len;
    }

    @Override
    public void close() {
      closed.set(true);
    }
  }

  @Test
  void aPausedConsumerStopsTheEngineRead() throws Exception {
    Endless engine = new Endless();
    Context context = vertx.getOrCreateContext();
    BlockingReadStream stream = new BlockingReadStream(context, engine, engine, readers);
    AtomicLong delivered = new AtomicLong();
    CompletableFuture<Void> firstChunk = new CompletableFuture<>();
    context.runOnContext(v -> stream.handler(chunk -> {
      delivered.addAndGet(chunk.length());
      stream.pause();
      firstChunk.complete(null);
    }));
    firstChunk.get(5, TimeUnit.SECONDS);
    Thread.sleep(300);
    long whilePaused = engine.read.get();
    Thread.sleep(300);
    assertEquals(whilePaused, engine.read.get(), "no reads while paused");
    assertTrue(whilePaused <= 6 * 16 * 1024, "bounded read-ahead: " + whilePaused);

    context.runOnContext(v -> stream.fetch(3));
    Thread.sleep(300);
    assertTrue(engine.read.get() > whilePaused, "fetch lets the reader go on");
    stream.close();
    assertTrue(engine.closed.get(), "close releases the engine connection");
  }

  @Test
  void deliversEverythingThenEnds() throws Exception {
    byte[] data = new byte[100_000];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) i;
    }
    ByteArrayInputStream in = new ByteArrayInputStream(data);
    Context context = vertx.getOrCreateContext();
    BlockingReadStream stream = new BlockingReadStream(context, in, in, readers);
    CompletableFuture<Buffer> all = new CompletableFuture<>();
    Buffer received = Buffer.buffer();
    context.runOnContext(v -> {
      stream.endHandler(e -> all.complete(received));
      stream.handler(received::appendBuffer);
    });
    assertEquals(Buffer.buffer(data), all.get(5, TimeUnit.SECONDS));
  }
}
