package dev.berth.gateway.live;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A real WebSocket client (the JDK's) for the live channels: collects text and binary messages. */
final class WsClient implements WebSocket.Listener, AutoCloseable {
  /** A failed handshake: the HTTP status and body the server answered instead. */
  record Refused(int status, String body) {}

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  final BlockingQueue<JsonObject> json = new LinkedBlockingQueue<>();
  private final ByteArrayOutputStream binary = new ByteArrayOutputStream();
  private final StringBuilder text = new StringBuilder();
  final CompletableFuture<Integer> closed = new CompletableFuture<>();
  final java.util.concurrent.atomic.AtomicInteger pings = new java.util.concurrent.atomic.AtomicInteger();
  private final boolean autoRequest;
  WebSocket socket;

  private WsClient(boolean autoRequest) {
    this.autoRequest = autoRequest;
  }

  /** Connects with the browser's way of authenticating: subprotocols [protocol, bearer.<token>]. */
  static WsClient open(String baseUrl, String path, String protocol, String token) {
    return open(baseUrl, path, protocol, token, true);
  }

  /** @param autoRequest false: the client reads nothing until {@link #request} is called */
  static WsClient open(String baseUrl, String path, String protocol, String token, boolean autoRequest) {
    WsClient client = new WsClient(autoRequest);
    WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
    if (token != null) {
      builder.subprotocols(protocol, "bearer." + token);
    } else {
      builder.subprotocols(protocol);
    }
    client.socket = builder.buildAsync(URI.create(baseUrl.replaceFirst("^http", "ws") + path), client).join();
    return client;
  }

  /**
   * Sends a WebSocket handshake over a plain socket and reads the HTTP answer, for handshakes
   * that must be refused with a status and a JSON body. Headers alternate name, value.
   */
  static Refused refused(String baseUrl, String path, String... headers) throws Exception {
    URI base = URI.create(baseUrl);
    StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":"
        + base.getPort() + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n");
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
    }
    request.append("\r\n");
    try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(20_000);
      socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.US_ASCII));
      java.io.BufferedReader in = new java.io.BufferedReader(
          new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      int status = Integer.parseInt(in.readLine().split(" ")[1]);
      int length = 0;
      for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
        if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
          length = Integer.parseInt(line.substring(15).trim());
        }
      }
      char[] body = new char[length];
      int read = 0;
      while (read < length) {
        int n = in.read(body, read, length - read);
        if (n < 0) {
          break;
        }
        read += n;
      }
      return new Refused(status, new String(body, 0, read));
    }
  }

  @Override
  public void onOpen(WebSocket webSocket) {
    webSocket.request(autoRequest ? 1 : 0);
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    text.append(data);
    if (last) {
      json.add(new JsonObject(text.toString()));
      text.setLength(0);
    }
    if (autoRequest) {
      webSocket.request(1);
    }
    return null;
  }

  @Override
  public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
    byte[] bytes = new byte[data.remaining()];
    data.get(bytes);
    synchronized (binary) {
      binary.writeBytes(bytes);
      binary.notifyAll();
    }
    if (autoRequest) {
      webSocket.request(1);
    }
    return null;
  }

  @Override
  public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
    pings.incrementAndGet();
    // the JDK answers the ping with a pong itself
    return WebSocket.Listener.super.onPing(webSocket, message);
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    closed.complete(statusCode);
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    closed.completeExceptionally(error);
  }

  void request(long n) {
    socket.request(n);
  }

  void send(JsonObject message) {
    socket.sendText(message.encode(), true).join();
  }

  /** The next JSON message that matches, skipping others; fails after the timeout. */
  JsonObject next(Predicate<JsonObject> match, long timeoutMs) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (true) {
      long left = deadline - System.currentTimeMillis();
      JsonObject m = left <= 0 ? null : json.poll(left, TimeUnit.MILLISECONDS);
      if (m == null) {
        throw new AssertionError("no matching message within " + timeoutMs + " ms");
      }
      if (match.test(m)) {
        return m;
      }
    }
  }

  /** Waits until the binary output so far contains the text, and returns all of it. */
  String awaitOutput(String expected, long timeoutMs) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMs;
    synchronized (binary) {
      while (true) {
        String all = binary.toString(StandardCharsets.UTF_8);
        if (all.contains(expected)) {
          return all;
        }
        long left = deadline - System.currentTimeMillis();
        if (left <= 0) {
          throw new AssertionError("output never contained '" + expected + "'; got: " + all);
        }
        binary.wait(left);
      }
    }
  }

  void clearOutput() {
    synchronized (binary) {
      binary.reset();
    }
  }

  int awaitClose(long timeoutMs) throws Exception {
    return closed.get(timeoutMs, TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    socket.abort();
  }
}
