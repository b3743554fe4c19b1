package dev.berth.gateway.hosts;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Docker's hijack done by hand on an {@link EngineConnection}: the request goes out with
 * "Connection: Upgrade, Upgrade: tcp" (or the protocol of the request's own Upgrade header, such as
 * "websocket" for attach/ws, whose handshake headers pass through); a 101 (or the 200 raw stream
 * of older engines) hands over the connection, anything else is read as a complete error answer. Output is read by one thread
 * into a back-pressured {@link BlockingReadStream}; stdin is written, in order, by a second thread
 * started on the first write, so the event loop never blocks on the engine.
 */
final class HijackedSocket implements EngineSocket {

  private static final int MAX_HEAD = 64 * 1024;
  private static final int MAX_ERROR_BODY = 1 << 20;
  private static final Object HALF_CLOSE = new Object();
  private static final Object STOP = new Object();

  private record PendingWrite(Buffer data, Promise<Void> done) {
  }

  private final Context context;
  private final EngineConnection connection;
  private final Executor threads;
  private final int status;
  private final Map<String, String> headers;
  private final BlockingReadStream body;
  private final LinkedBlockingQueue<Object> writes = new LinkedBlockingQueue<>();
  private final AtomicBoolean released = new AtomicBoolean();
  private boolean writerStarted;
  private volatile boolean closed;

  private HijackedSocket(Context context, EngineConnection connection, Executor threads, int status,
                         Map<String, String> headers, InputStream body) {
    this.context = context;
    this.connection = connection;
    this.threads = threads;
    this.status = status;
    this.headers = Map.copyOf(headers);
    // at the end of the output the engine is done: release the writer and the connection
    this.body = new BlockingReadStream(context, body, this::release, threads);
  }

  /** Sends the request and reads the engine's answer head; blocking, so call it on a worker. */
  static HijackedSocket open(Context context, EngineConnection connection, Executor threads, String authority,
                             String method, String pathAndQuery, Map<String, String> headers, Buffer body)
      throws IOException {
    try {
      // Docker's raw hijack, unless the caller asks for another protocol (attach/ws: "websocket")
      String upgrade = headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase("upgrade"))
          .map(Map.Entry::getValue).findFirst().orElse("tcp");
      StringBuilder head = new StringBuilder(256)
          .append(method).append(' ').append(pathAndQuery).append(" HTTP/1.1\r\n")
          .append("Host: ").append(authority).append("\r\n");
      headers.forEach((name, value) -> {
        String n = name.toLowerCase(Locale.ROOT);
        if (!n.equals("host") && !n.equals("connection") && !n.equals("upgrade") && !n.equals("content-length")
            && !n.equals("transfer-encoding")) {
          head.append(name).append(": ").append(value).append("\r\n");
        }
      });
      byte[] bytes = body == null ? new byte[0] : body.getBytes();
      head.append("Content-Length: ").append(bytes.length).append("\r\n")
          .append("Connection: Upgrade\r\nUpgrade: ").append(upgrade).append("\r\n\r\n");
      OutputStream out = connection.output();
      out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(bytes);
      out.flush();

      InputStream in = new BufferedInputStream(connection.input(), 16 * 1024);
      String[] lines = readHead(in).split("\r\n");
      String[] statusLine = lines[0].split(" ", 3);
      if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/")) {
        throw new IOException("the engine answered something that is not HTTP: " + lines[0]);
      }
      int status = Integer.parseInt(statusLine[1]);
      Map<String, String> answerHeaders = new HashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        if (colon > 0) {
          answerHeaders.merge(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
              lines[i].substring(colon + 1).trim(), (a, b) -> a + ", " + b);
        }
      }
      if (status == 101 || (status == 200 && isRawStream(answerHeaders))) {
        return new HijackedSocket(context, connection, threads, status, answerHeaders, in);
      }
      byte[] error = readErrorBody(in, answerHeaders);
      connection.close();
      return new HijackedSocket(context, connection, threads, status, answerHeaders, new ByteArrayInputStream(error));
    } catch (IOException | RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  private static boolean isRawStream(Map<String, String> headers) {
    String type = headers.getOrDefault("content-type", "");
    return type.startsWith("application/vnd.docker.") && !headers.containsKey("content-length")
        && !headers.getOrDefault("transfer-encoding", "").contains("chunked");
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream(512);
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("the engine closed the connection before answering");
      }
      head.write(b);
      matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
      if (head.size() > MAX_HEAD) {
        throw new IOException("the engine's answer head is larger than " + MAX_HEAD + " bytes");
      }
    }
    return head.toString(StandardCharsets.ISO_8859_1).trim();
  }

  /** An error answer is small: read it whole (Content-Length, chunked, or up to EOF), capped. */
  private static byte[] readErrorBody(InputStream in, Map<String, String> headers) throws IOException {
    String length = headers.get("content-length");
    if (length != null) {
      return in.readNBytes((int) Math.min(MAX_ERROR_BODY, Long.parseLong(length.trim())));
    }
    if (!headers.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT).contains("chunked")) {
      return in.readNBytes(MAX_ERROR_BODY);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (out.size() < MAX_ERROR_BODY) {
      StringBuilder sizeLine = new StringBuilder();
      int b;
      while ((b = in.read()) >= 0 && b != '\n') {
        sizeLine.append((char) b);
      }
      String hex = sizeLine.toString().split(";")[0].trim();
      int size = hex.isEmpty() ? 0 : Integer.parseInt(hex, 16);
      if (size == 0 || b < 0) {
        break;
      }
      out.write(in.readNBytes(Math.min(size, MAX_ERROR_BODY - out.size())));
      in.readNBytes(2);
    }
    return out.toByteArray();
  }

  @Override
  public int status() {
    return status;
  }

  @Override
  public Map<String, String> headers() {
    return headers;
  }

  @Override
  public ReadStream<Buffer> body() {
    return body;
  }

  @Override
  public Future<Void> write(Buffer data) {
    Promise<Void> done = Promise.promise();
    if (!enqueue(new PendingWrite(data, done))) {
      done.fail(new IOException("the engine connection is closed"));
    }
    return done.future();
  }

  @Override
  public void closeWrite() {
    enqueue(HALF_CLOSE);
  }

  @Override
  public void close() {
    body.close();
    release();
  }

  private void release() {
    if (released.compareAndSet(false, true)) {
      synchronized (this) {
        closed = true;
        writes.add(STOP);
      }
      connection.close();
    }
  }

  private synchronized boolean enqueue(Object item) {
    if (closed) {
      return false;
    }
    writes.add(item);
    if (!writerStarted) {
      writerStarted = true;
      try {
        threads.execute(this::writeLoop);
      } catch (RuntimeException rejected) {
        close();
        return false;
      }
    }
    return true;
  }

  private void writeLoop() {
    OutputStream out = connection.output();
    try {
      while (true) {
        Object item = writes.take();
        if (item == STOP) {
          break;
        }
        if (item == HALF_CLOSE) {
          connection.shutdownOutput();
          continue;
        }
        PendingWrite w = (PendingWrite) item;
        try {
          out.write(w.data().getBytes());
          out.flush();
          context.runOnContext(v -> w.done().complete());
        } catch (IOException e) {
          context.runOnContext(v -> w.done().fail(e));
          break;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // the half-close failed: the connection is gone, which the output side reports
    } finally {
      failPending();
    }
  }

  private synchronized void failPending() {
    closed = true;
    Object left;
    while ((left = writes.poll()) != null) {
      if (left instanceof PendingWrite w) {
        context.runOnContext(v -> w.done().fail(new IOException("the engine connection is closed")));
      }
    }
  }
}
