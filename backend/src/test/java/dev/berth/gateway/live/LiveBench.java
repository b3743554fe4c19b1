package dev.berth.gateway.live;

import dev.berth.gateway.TestGateway;
import dev.berth.gateway.hosts.TestEngine;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Benchmarks of the live channels (run by bench/gateway-live.sh, never by the test suites):
 * 1. terminal round trip, one keystroke to its echo: through the gateway's WebSocket against
 *    a direct hijacked exec on the engine's socket (target: within 2 ms);
 * 2. 1,000 concurrent event subscribers: latency from the engine's event time to each
 *    subscriber, per container start, p50 and p99 (target: p99 < 100 ms).
 * Engine and gateway run on this machine (gateway in this JVM), as the ITs start them.
 */
public final class LiveBench {
  private static final int KEYSTROKES = Integer.getInteger("bench.keystrokes", 1000);
  private static final int SUBSCRIBERS = Integer.getInteger("bench.subscribers", 1000);
  private static final int STARTS = Integer.getInteger("bench.starts", 5);

  public static void main(String[] args) throws Exception {
    System.setProperty("berth.hostCheckSeconds", "5");
    try (TestEngine engine = TestEngine.start();
         TestGateway gw = TestGateway.start("--hosts", "local=" + engine.url)) {
      String token = gw.setupAdmin("root", "correct horse battery")[1].substring(7);
      String container = engine.docker("run", "-d", "busybox", "sleep", "3600");
      System.out.println("engine: " + engine.kind);
      double[] direct = directRoundTrips(engine, container);
      double[] gateway = gatewayRoundTrips(gw, token, container);
      report("terminal round trip, direct exec", direct);
      report("terminal round trip, via gateway", gateway);
      System.out.printf("terminal overhead (median): %.3f ms (target <= 2 ms)%n", gateway[1] - direct[1]);
      fanOut(gw, engine, token);
    }
    System.exit(0);
  }

  private static void report(String what, double[] p) {
    System.out.printf("%s: mean %.3f ms, p50 %.3f ms, p99 %.3f ms (n=%d)%n", what, p[0], p[1], p[2], (int) p[3]);
  }

  /** mean, p50, p99, n of millisecond samples. */
  private static double[] stats(List<Double> samples) {
    List<Double> sorted = new ArrayList<>(samples);
    Collections.sort(sorted);
    double mean = sorted.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    return new double[] {mean, sorted.get(sorted.size() / 2), sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1),
        sorted.size()};
  }

  // ---- terminal: direct --------------------------------------------------------------------

  private static double[] directRoundTrips(TestEngine engine, String container) throws Exception {
    Path socket = Path.of(URI.create(engine.url.replace("unix://", "file://")).getPath());
    String created = httpOnce(socket, "POST", "/v1.41/containers/" + container + "/exec",
        "{\"AttachStdin\":true,\"AttachStdout\":true,\"AttachStderr\":true,\"Tty\":true,\"Cmd\":[\"/bin/cat\"]}");
    Matcher id = Pattern.compile("\"Id\":\"([0-9a-f]+)\"").matcher(created);
    if (!id.find()) {
      throw new IllegalStateException("exec create failed: " + created);
    }
    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      ch.connect(UnixDomainSocketAddress.of(socket));
      OutputStream out = Channels.newOutputStream(ch);
      InputStream in = Channels.newInputStream(ch);
      String body = "{\"Detach\":false,\"Tty\":true}";
      out.write(("POST /v1.41/exec/" + id.group(1) + "/start HTTP/1.1\r\nHost: docker\r\nConnection: Upgrade\r\n"
          + "Upgrade: tcp\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String head = readHead(in);
      if (!head.startsWith("HTTP/1.1 101")) {
        throw new IllegalStateException("exec start: " + head);
      }
      List<Double> samples = new ArrayList<>();
      for (int i = 0; i < KEYSTROKES + 100; i++) {
        long t0 = System.nanoTime();
        out.write('a');
        out.flush();
        while (in.read() != 'a') {
          // only the echo counts
        }
        if (i >= 100) {
          samples.add((System.nanoTime() - t0) / 1e6);
        }
      }
      return stats(samples);
    }
  }

  private static String httpOnce(Path socket, String method, String path, String json) throws IOException {
    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      ch.connect(UnixDomainSocketAddress.of(socket));
      OutputStream out = Channels.newOutputStream(ch);
      out.write((method + " " + path + " HTTP/1.1\r\nHost: docker\r\nConnection: close\r\nContent-Type: application/json\r\n"
          + "Content-Length: " + json.length() + "\r\n\r\n" + json).getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return new String(Channels.newInputStream(ch).readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String readHead(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.append((char) b);
    }
    return head.toString();
  }

  // ---- terminal: through the gateway ---------------------------------------------------------

  private static double[] gatewayRoundTrips(TestGateway gw, String token, String container) throws Exception {
    BlockingQueue<Boolean> echoes = new ArrayBlockingQueue<>(16);
    WebSocket.Listener listener = new WebSocket.Listener() {
      @Override
      public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
        while (data.hasRemaining()) {
          if (data.get() == 'a') {
            echoes.add(true);
          }
        }
        ws.request(1);
        return null;
      }

      @Override
      public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        ws.request(1);
        return null;
      }
    };
    WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("berth.terminal.v1", "bearer." + token)
        .buildAsync(URI.create(gw.baseUrl.replaceFirst("^http", "ws") + "/api/hosts/local/containers/" + container
            + "/terminal?cmd=/bin/cat"), listener).join();
    String keystroke = new JsonObject().put("type", "input").put("data", "a").encode();
    List<Double> samples = new ArrayList<>();
    for (int i = 0; i < KEYSTROKES + 100; i++) {
      long t0 = System.nanoTime();
      ws.sendText(keystroke, true).join();
      if (echoes.poll(5, TimeUnit.SECONDS) == null) {
        throw new IllegalStateException("no echo through the gateway");
      }
      if (i >= 100) {
        samples.add((System.nanoTime() - t0) / 1e6);
      }
    }
    ws.abort();
    return stats(samples);
  }

  // ---- events fan-out --------------------------------------------------------------------

  private static void fanOut(TestGateway gw, TestEngine engine, String token) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    CountDownLatch up = new CountDownLatch(SUBSCRIBERS);
    ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
    AtomicInteger received = new AtomicInteger();
    List<WebSocket> sockets = new ArrayList<>();
    URI uri = URI.create(gw.baseUrl.replaceFirst("^http", "ws") + "/api/events/live?types=container");
    for (int i = 0; i < SUBSCRIBERS; i++) {
      sockets.add(http.newWebSocketBuilder().subprotocols("berth.events.v1", "bearer." + token)
          .buildAsync(uri, new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
              Instant now = Instant.now();
              text.append(data);
              if (last) {
                JsonObject m = new JsonObject(text.toString());
                text.setLength(0);
                if ("host".equals(m.getString("type")) && "up".equals(m.getString("state"))) {
                  up.countDown();
                } else if ("event".equals(m.getString("type"))
                    && "start".equals(m.getJsonObject("event").getString("Action"))) {
                  long nowNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
                  latencies.add((nowNanos - m.getJsonObject("event").getLong("timeNano")) / 1e6);
                  received.incrementAndGet();
                }
              }
              ws.request(1);
              return null;
            }
          }).join());
    }
    if (!up.await(60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("only " + (SUBSCRIBERS - up.getCount()) + " subscribers saw the host up");
    }
    System.out.println(SUBSCRIBERS + " event subscribers connected");
    List<Double> all = new ArrayList<>();
    Path socket = Path.of(URI.create(engine.url.replace("unix://", "file://")).getPath());
    // start 0 warms the JIT up and is not counted
    for (int s = 0; s <= STARTS; s++) {
      String c = engine.docker("create", "busybox", "true");
      Thread.sleep(1000);
      latencies.clear();
      received.set(0);
      // started with one small API call rather than the CLI, so the CLI's own CPU use is not measured
      httpOnce(socket, "POST", "/v1.41/containers/" + c + "/start", "");
      long deadline = System.currentTimeMillis() + 20_000;
      while (received.get() < SUBSCRIBERS && System.currentTimeMillis() < deadline) {
        Thread.sleep(20);
      }
      List<Double> round = new ArrayList<>(latencies);
      if (round.size() < SUBSCRIBERS) {
        System.out.println("start " + s + ": only " + round.size() + " of " + SUBSCRIBERS + " received it");
      }
      double[] p = stats(round);
      System.out.printf("container start %d (%s): first %.1f ms, p50 %.1f ms, p99 %.1f ms, max %.1f ms%s%n", s,
          c.substring(0, 12), Collections.min(round), p[1], p[2], Collections.max(round), s == 0 ? " (warm-up)" : "");
      if (s > 0) {
        all.addAll(round);
      }
      engine.docker("rm", "-f", c);
      Thread.sleep(1000);
    }
    double[] p = stats(all);
    System.out.printf("events fan-out to %d subscribers, %d starts: p50 %.1f ms, p99 %.1f ms (target p99 < 100 ms)%n",
        SUBSCRIBERS, STARTS, p[1], p[2]);
    sockets.forEach(WebSocket::abort);
  }
}
