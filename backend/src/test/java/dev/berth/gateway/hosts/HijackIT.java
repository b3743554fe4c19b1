package dev.berth.gateway.hosts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** HostAccess.hijack against the real engine: exec with a TTY, Docker's stream frames, half-close, errors. */
class HijackIT {

  private static HostsFixture fx;
  private static Vertx vertx;
  private static DockerHostAccess access;
  private static String container;

  @BeforeAll
  static void setUp() throws Exception {
    fx = HostsFixture.get();
    vertx = Vertx.vertx();
    access = new DockerHostAccess(vertx, 4, EngineCallTimer.NONE);
    access.register("unix", HostConnection.parse(fx.engine.url, null));
    access.register("tls", HostConnection.parse(fx.engine.tlsUrl,
        new TlsMaterial(fx.engine.pem("ca"), fx.engine.pem("client-cert"), fx.engine.pem("client-key"))));
    container = fx.engine.docker("run", "-d", "--name", "hj-target", "busybox", "sleep", "1000");
  }

  @AfterAll
  static void tearDown() throws Exception {
    fx.engine.tryDocker("rm", "-f", "hj-target");
    access.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** Collects what the engine sends, and whether the stream ended. */
  private static final class Output {
    private final Buffer bytes = Buffer.buffer();
    private final CountDownLatch ended = new CountDownLatch(1);

    Output(EngineSocket socket) {
      // the end handler first: setting the data handler starts the reading
      socket.body().endHandler(v -> ended.countDown());
      socket.body().handler(b -> {
        synchronized (bytes) {
          bytes.appendBuffer(b);
        }
      });
    }

    Buffer snapshot() {
      synchronized (bytes) {
        return bytes.copy();
      }
    }

    String await(Predicate<String> done) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (System.nanoTime() < deadline) {
        String text = snapshot().toString(StandardCharsets.UTF_8);
        if (done.test(text)) {
          return text;
        }
        Thread.sleep(20);
      }
      throw new AssertionError("engine output never matched; got: " + snapshot().toString(StandardCharsets.UTF_8));
    }

    void awaitEnd() throws InterruptedException {
      assertTrue(ended.await(20, TimeUnit.SECONDS), "the hijacked stream ended");
    }
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static String execCreate(String host, boolean tty, String... cmd) throws Exception {
    EngineResponse created = await(access.call(host, EngineRequest.post("/containers/" + container + "/exec",
        new JsonObject().put("AttachStdin", true).put("AttachStdout", true).put("AttachStderr", true)
            .put("Tty", tty).put("Cmd", new JsonArray(java.util.List.of((Object[]) cmd))))));
    assertEquals(201, created.status(), created.message());
    return created.json().getString("Id");
  }

  private static EngineSocket execStart(String host, String execId, boolean tty) throws Exception {
    return await(access.hijack(host, EngineRequest.post("/exec/" + execId + "/start",
        new JsonObject().put("Detach", false).put("Tty", tty))));
  }

  private static int exitCode(String host, String execId) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      JsonObject inspect = await(access.call(host, EngineRequest.get("/exec/" + execId + "/json"))).json();
      if (!inspect.getBoolean("Running", false) || System.nanoTime() > deadline) {
        return inspect.getInteger("ExitCode", -1);
      }
      Thread.sleep(50);
    }
  }

  @Test
  void ttyExecEchoesTypedInputAndEndsWithTheShell() throws Exception {
    for (String host : new String[] {"unix", "tls"}) {
      String execId = execCreate(host, true, "sh");
      EngineSocket socket = execStart(host, execId, true);
      try {
        assertEquals(101, socket.status(), "upgraded on " + host);
        Output out = new Output(socket);
        await(socket.write(Buffer.buffer("echo hi-$((6*7))\n")));
        // the shell computes 42: the answer cannot be the terminal's echo of what was typed
        out.await(text -> text.contains("hi-42"));
        await(socket.write(Buffer.buffer("exit 3\n")));
        out.awaitEnd();
        assertEquals(3, exitCode(host, execId));
      } finally {
        socket.close();
      }
    }
  }

  @Test
  void plainExecIsFramedAndHalfCloseEndsStdin() throws Exception {
    String execId = execCreate("unix", false, "sh", "-c", "cat; echo done >&2");
    EngineSocket socket = execStart("unix", execId, false);
    try {
      assertEquals(101, socket.status());
      Output out = new Output(socket);
      await(socket.write(Buffer.buffer("abc")));
      // cat only ends when stdin reaches EOF: the half-close must get through while output still flows
      socket.closeWrite();
      out.awaitEnd();
      Buffer frames = out.snapshot();
      StringBuilder stdout = new StringBuilder();
      StringBuilder stderr = new StringBuilder();
      int pos = 0;
      while (pos < frames.length()) {
        assertTrue(pos + 8 <= frames.length(), "a whole 8-byte frame header");
        byte stream = frames.getByte(pos);
        int size = frames.getInt(pos + 4);
        String data = frames.getString(pos + 8, pos + 8 + size);
        (stream == 1 ? stdout : stderr).append(data);
        assertTrue(stream == 1 || stream == 2, "stream id " + stream);
        pos += 8 + size;
      }
      assertEquals("abc", stdout.toString());
      assertEquals("done\n", stderr.toString());
      assertEquals(0, exitCode("unix", execId));
    } finally {
      socket.close();
    }
  }

  @Test
  void anEngineErrorComesBackWithItsStatusAndMessage() throws Exception {
    EngineSocket socket = execStart("unix", "0123456789abcdef-no-such-exec", false);
    try {
      assertEquals(404, socket.status());
      Output out = new Output(socket);
      out.awaitEnd();
      String message = new JsonObject(out.snapshot()).getString("message");
      assertTrue(message != null && !message.isBlank(), "the engine's message: " + out.snapshot());
    } finally {
      socket.close();
    }
  }
}
