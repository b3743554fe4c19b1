package dev.berth.engine.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogStreamerTest {

  @TempDir Path dir;
  private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1);

  @AfterEach
  void stop() {
    scheduler.shutdownNow();
  }

  /** Collects what a client would receive. */
  static final class Collect implements Sink {
    final Buffer got = Buffer.buffer();
    final CountDownLatch ended = new CountDownLatch(1);
    volatile boolean closed;

    @Override
    public synchronized void write(Buffer data) {
      got.appendBuffer(data);
    }

    @Override
    public boolean writeQueueFull() {
      return false;
    }

    @Override
    public void end() {
      closed = true;
      ended.countDown();
    }

    @Override
    public boolean isClosed() {
      return closed;
    }

    synchronized String text() {
      return got.toString(StandardCharsets.UTF_8);
    }
  }

  private Path log(String... lines) throws Exception {
    Path f = dir.resolve("ctr.log");
    Files.writeString(f, String.join("\n", lines) + "\n");
    return f;
  }

  private static final String L1 = "2026-01-01T00:00:01.000000000+00:00 stdout F one";
  private static final String L2 = "2026-01-01T00:00:02.000000000+00:00 stderr F two";
  private static final String L3 = "2026-01-01T00:00:03.000000000+00:00 stdout P thr";
  private static final String L4 = "2026-01-01T00:00:04.000000000+00:00 stdout F ee";

  private Collect run(Path f, LogOptions o, boolean tty, boolean exited) throws Exception {
    Collect sink = new Collect();
    new LogStreamer(scheduler, f, o, tty, sink, () -> exited, () -> {}, true).start();
    assertTrue(sink.ended.await(5, TimeUnit.SECONDS));
    return sink;
  }

  @Test
  void ttyHistoryIsRawText() throws Exception {
    Collect c = run(log(L1, L2, L3, L4), new LogOptions(true, true, false, false, 0, 0, -1), true, true);
    assertEquals("one\ntwo\nthree\n", c.text());
  }

  @Test
  void withoutTtyEachLineIsAFrame() throws Exception {
    Collect c = run(log(L1, L2), new LogOptions(true, true, false, false, 0, 0, -1), false, true);
    byte[] b = c.got.getBytes();
    assertEquals(2 * 8 + 4 + 4, b.length);
    assertEquals(1, b[0]);
    assertEquals(4, c.got.getInt(4));
    assertEquals(2, b[12]);
  }

  @Test
  void streamSelection() throws Exception {
    assertEquals("two\n", run(log(L1, L2, L4), new LogOptions(false, true, false, false, 0, 0, -1), true, true).text());
    assertEquals("one\nee\n", run(log(L1, L2, L4), new LogOptions(true, false, false, false, 0, 0, -1), true, true).text());
  }

  @Test
  void tailCountsLogicalLines() throws Exception {
    assertEquals("two\nthree\n", run(log(L1, L2, L3, L4), new LogOptions(true, true, false, false, 0, 0, 2), true, true).text());
    assertEquals("", run(log(L1, L2), new LogOptions(true, true, false, false, 0, 0, 0), true, true).text());
    assertEquals("one\ntwo\n", run(log(L1, L2), new LogOptions(true, true, false, false, 0, 0, 10), true, true).text());
  }

  @Test
  void sinceAndUntilAreInclusiveBounds() throws Exception {
    long t2 = LogTimes.parse("2026-01-01T00:00:02Z");
    long t3 = LogTimes.parse("2026-01-01T00:00:03Z");
    assertEquals("two\nthree\n", run(log(L1, L2, L3, L4), new LogOptions(true, true, false, false, t2, 0, -1), true, true).text());
    assertEquals("one\ntwo\n", run(log(L1, L2, L3, L4), new LogOptions(true, true, false, false, 0, t2, -1), true, true).text());
    assertEquals("two\n", run(log(L1, L2, L3, L4), new LogOptions(true, true, false, false, t2, t3 - 1, -1), true, true).text());
  }

  @Test
  void timestampsPrefixEachLine() throws Exception {
    Collect c = run(log(L1), new LogOptions(true, true, false, true, 0, 0, -1), true, true);
    assertEquals("2026-01-01T00:00:01.000000000Z one\n", c.text());
  }

  @Test
  void followStreamsNewLinesAndEndsAfterExit() throws Exception {
    Path f = log(L1);
    AtomicBoolean exited = new AtomicBoolean();
    Collect sink = new Collect();
    new LogStreamer(scheduler, f, new LogOptions(true, true, true, false, 0, 0, -1), true, sink, exited::get, () -> {}, true)
        .start();
    waitFor(() -> sink.text().equals("one\n"));
    Files.writeString(f, L2 + "\n" + L3 + "\n", StandardOpenOption.APPEND);
    waitFor(() -> sink.text().equals("one\ntwo\n"));
    assertEquals(1, sink.ended.getCount(), "still following while the container runs");
    exited.set(true);
    assertTrue(sink.ended.await(5, TimeUnit.SECONDS));
    assertEquals("one\ntwo\nthr", sink.text(), "the unfinished line comes last, without a newline");
  }

  @Test
  void followEndsWhenTheClientLeaves() throws Exception {
    Collect sink = new Collect();
    CountDownLatch done = new CountDownLatch(1);
    new LogStreamer(scheduler, log(L1), new LogOptions(true, true, true, false, 0, 0, -1), true, sink, () -> false, done::countDown, true)
        .start();
    waitFor(() -> sink.text().equals("one\n"));
    sink.closed = true;
    assertTrue(done.await(5, TimeUnit.SECONDS));
  }

  private static void waitFor(java.util.function.BooleanSupplier cond) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 5000;
    while (!cond.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("condition not met in time");
      }
      Thread.sleep(20);
    }
  }
}
