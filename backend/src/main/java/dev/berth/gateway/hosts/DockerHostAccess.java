package dev.berth.gateway.hosts;

import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.ReadStream;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The engines this node reaches itself, through docker-java's zerodep transport. Blocking
 * calls run on a bounded worker pool; stream bodies are read by a bounded pool of reader
 * threads. Requests use the API version prefix v1.41, which dockerd 20.10 and Berth's
 * engine both serve.
 */
public final class DockerHostAccess implements HostAccess, AutoCloseable {

  public static final String API_VERSION = "1.41";
  private static final String PREFIX = "/v" + API_VERSION;
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  /** Blocking calls only; streams (pull, logs) have no read timeout. */
  private static final Duration CALL_TIMEOUT = Duration.ofMinutes(2);
  /** Stream readers, hijack stdin writers and streamed uploads; each holds one thread. */
  private static final int MAX_STREAMS = 512;
  /** A path the caller already versioned ("/v1.51/containers/json", the Docker-API proxy) is sent as is. */
  private static final Pattern VERSIONED = Pattern.compile("^/v[0-9]+\\.[0-9]+/.*");
  /** Complete answers are held in memory: cap them (streams are not capped). */
  private static final int MAX_BODY = 64 << 20;

  private record Clients(DockerHttpClient calls, DockerHttpClient streams, HostConnection connection, SSLContext tls) {
    void close() {
      closeQuietly(calls);
      closeQuietly(streams);
    }
  }

  private final Vertx vertx;
  private final WorkerExecutor workers;
  private final ThreadPoolExecutor readers;
  private final EngineCallTimer timer;
  private final Map<String, Clients> clients = new ConcurrentHashMap<>();

  public DockerHostAccess(Vertx vertx, int workerThreads, EngineCallTimer timer) {
    this.vertx = vertx;
    this.workers = vertx.createSharedWorkerExecutor("berth-engine", workerThreads);
    AtomicInteger n = new AtomicInteger();
    this.readers = new ThreadPoolExecutor(0, MAX_STREAMS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
      Thread t = new Thread(r, "berth-engine-stream-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    this.timer = timer;
  }

  /** Connects (lazily: no I/O here) host id to an engine, replacing an earlier connection. */
  public void register(String hostId, HostConnection connection) {
    Clients old = clients.put(hostId, new Clients(build(connection, CALL_TIMEOUT), build(connection, null), connection,
        sslContext(connection)));
    if (old != null) {
      old.close();
    }
  }

  public void unregister(String hostId) {
    Clients old = clients.remove(hostId);
    if (old != null) {
      old.close();
    }
  }

  @Override
  public Future<EngineResponse> call(String hostId, EngineRequest request) {
    return callThen(hostId, request, null, Function.identity());
  }

  @Override
  public <T> Future<ReadAnswer<T>> call(String hostId, EngineRequest request, AnswerReader<T> reader) {
    return callThen(hostId, request, reader::arrived, answer -> ReadAnswer.of(answer, reader));
  }

  /** One engine call on a worker, then {@code then} on the same worker. */
  private <T> Future<T> callThen(String hostId, EngineRequest request, CompleteBody.Progress progress,
                                 Function<EngineResponse, T> then) {
    Clients c = clients.get(hostId);
    if (c == null) {
      return Future.failedFuture(new UnknownHostException(hostId));
    }
    return workers.executeBlocking(() -> then.apply(execute(hostId, c.calls(), request, true, progress)), false);
  }

  @Override
  public Future<EngineStream> stream(String hostId, EngineRequest request) {
    Clients c = clients.get(hostId);
    if (c == null) {
      return Future.failedFuture(new UnknownHostException(hostId));
    }
    Context context = vertx.getOrCreateContext();
    return workers.executeBlocking(() -> open(hostId, c.streams(), request, context), false);
  }

  @Override
  public Future<EngineStream> upload(String hostId, EngineRequest request, ReadStream<Buffer> body) {
    Clients c = clients.get(hostId);
    if (c == null) {
      return Future.failedFuture(new UnknownHostException(hostId));
    }
    Context context = vertx.getOrCreateContext();
    ReadStreamInputStream in = new ReadStreamInputStream(context, body);
    Promise<EngineStream> answer = Promise.promise();
    try {
      // the upload holds its thread until the engine has read the whole body: not a worker's job
      readers.execute(() -> {
        try {
          EngineStream stream = open(hostId, c.streams(), request, in, context);
          context.runOnContext(v -> answer.complete(stream));
        } catch (RuntimeException e) {
          in.close();
          context.runOnContext(v -> answer.fail(e));
        }
      });
    } catch (RuntimeException rejected) {
      in.close();
      return Future.failedFuture(new HostUnreachableException(hostId, "too many open engine streams", rejected));
    }
    return answer.future();
  }

  @Override
  public Future<EngineSocket> hijack(String hostId, EngineRequest request) {
    Clients c = clients.get(hostId);
    if (c == null) {
      return Future.failedFuture(new UnknownHostException(hostId));
    }
    Context context = vertx.getOrCreateContext();
    return workers.executeBlocking(() -> {
      long start = System.nanoTime();
      boolean success = false;
      try {
        EngineConnection connection = EngineConnection.open(c.connection(), c.tls(), (int) CONNECT_TIMEOUT.toMillis());
        String authority = c.connection().isUnix() ? "docker"
            : c.connection().url().getHost() + ":" + c.connection().url().getPort();
        HijackedSocket socket = HijackedSocket.open(context, connection, readers, authority, request.method(),
            versioned(request.pathAndQuery()), request.headers(), request.body());
        success = socket.status() < 500;
        return (EngineSocket) socket;
      } catch (IOException | RuntimeException e) {
        throw unreachable(hostId, e);
      } finally {
        timer.record(hostId, operation(request), System.nanoTime() - start, success);
      }
    }, false);
  }

  /** Pings the registered engine and reads its version (health check). */
  public Future<EngineInfo> check(String hostId) {
    Clients c = clients.get(hostId);
    if (c == null) {
      return Future.failedFuture(new UnknownHostException(hostId));
    }
    return workers.executeBlocking(() -> probe(hostId, c.calls()), false);
  }

  /** Pings an engine that is not registered yet, with a throw-away client. */
  public Future<EngineInfo> probe(HostConnection connection) {
    return workers.executeBlocking(() -> {
      DockerHttpClient client = build(connection, Duration.ofSeconds(10));
      try {
        return probe(connection.url().toString(), client);
      } finally {
        closeQuietly(client);
      }
    }, false);
  }

  private EngineInfo probe(String label, DockerHttpClient client) {
    EngineResponse ping = execute(label, client, EngineRequest.get("/_ping"), false, null);
    if (ping.status() != 200) {
      throw new HostUnreachableException(label, "engine answered /_ping with " + ping.status()
          + ": " + ping.message(), null);
    }
    EngineResponse version = execute(label, client, EngineRequest.get("/version"), false, null);
    JsonObject v;
    try {
      v = version.json();
    } catch (RuntimeException e) {
      throw new HostUnreachableException(label, "engine answered /version with something that is not JSON", e);
    }
    if (!version.ok() || v.getString("ApiVersion") == null) {
      throw new HostUnreachableException(label, "engine answered /version with " + version.status(), null);
    }
    EngineInfo info = EngineInfo.fromVersion(v);
    if (compareVersions(info.apiVersion(), API_VERSION) < 0) {
      throw new HostUnreachableException(label, "engine API " + info.apiVersion()
          + " is too old: the gateway needs " + API_VERSION + " or later", null);
    }
    return info;
  }

  /** @param progress sees a successful answer's body as it arrives; may be null */
  private EngineResponse execute(String hostId, DockerHttpClient client, EngineRequest request, boolean versioned,
                                 CompleteBody.Progress progress) {
    long start = System.nanoTime();
    boolean success = false;
    try (DockerHttpClient.Response response = client.execute(toDocker(request, versioned).build())) {
      Map<String, String> headers = headers(response);
      int status = response.getStatusCode();
      // a HEAD answer announces a length but has no body
      Buffer body = "HEAD".equals(request.method()) ? Buffer.buffer()
          : CompleteBody.read(response.getBody(), contentLength(headers), MAX_BODY,
              status >= 200 && status < 300 ? progress : null);
      EngineResponse answer = new EngineResponse(status, headers, body);
      success = answer.status() < 500;
      return answer;
    } catch (CompleteBody.TooLarge e) {
      throw new HostUnreachableException(hostId, "the engine's answer is larger than " + (MAX_BODY >> 20)
          + " MB; ask for less (e.g. logs with a smaller tail)", null);
    } catch (IOException | RuntimeException e) {
      throw unreachable(hostId, e);
    } finally {
      timer.record(hostId, operation(request), System.nanoTime() - start, success);
    }
  }

  private EngineStream open(String hostId, DockerHttpClient client, EngineRequest request, Context context) {
    return open(hostId, client, request, null, context);
  }

  private EngineStream open(String hostId, DockerHttpClient client, EngineRequest request, InputStream upload,
                            Context context) {
    long start = System.nanoTime();
    boolean success = false;
    try {
      DockerHttpClient.Request.Builder outgoing = toDocker(request, true);
      if (upload != null) {
        outgoing.body(upload);
      }
      DockerHttpClient.Response response = client.execute(outgoing.build());
      success = response.getStatusCode() < 500;
      ReusableBody in = new ReusableBody(response);
      BlockingReadStream body = new BlockingReadStream(context, in, in, readers);
      int status = response.getStatusCode();
      Map<String, String> headers = headers(response);
      return new EngineStream() {
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
        public void close() {
          body.close();
        }
      };
    } catch (RuntimeException e) {
      throw unreachable(hostId, e);
    } finally {
      // time to first byte: a stream's total length says nothing about the engine
      timer.record(hostId, operation(request), System.nanoTime() - start, success);
    }
  }

  private static DockerHttpClient.Request.Builder toDocker(EngineRequest request, boolean versioned) {
    DockerHttpClient.Request.Builder b = DockerHttpClient.Request.builder()
        .method(request.method())
        .path(versioned ? versioned(request.pathAndQuery()) : request.pathAndQuery())
        .putAllHeaders(request.headers());
    if (request.body() != null) {
      b.bodyBytes(request.body().getBytes());
    }
    return b;
  }

  private static String versioned(String pathAndQuery) {
    return VERSIONED.matcher(pathAndQuery).matches() ? pathAndQuery : PREFIX + pathAndQuery;
  }

  private static SSLContext sslContext(HostConnection connection) {
    if (connection.tls() == null) {
      return null;
    }
    try {
      return connection.tls().sslConfig().getSSLContext();
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("invalid TLS material: " + e.getMessage(), e);
    }
  }

  private static Map<String, String> headers(DockerHttpClient.Response response) {
    Map<String, String> out = new HashMap<>();
    response.getHeaders().forEach((name, values) -> {
      if (name != null && values != null && !values.isEmpty()) {
        out.put(name.toLowerCase(), String.join(", ", values));
      }
    });
    return out;
  }

  /** The answer's Content-Length, -1 when absent (chunked) or unreadable. */
  private static long contentLength(Map<String, String> headers) {
    String length = headers.get("content-length");
    if (length == null || headers.containsKey("transfer-encoding")) {
      return -1;
    }
    try {
      return Long.parseLong(length.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static String operation(EngineRequest request) {
    String p = request.path().startsWith("/") ? request.path().substring(1) : request.path();
    int slash = p.indexOf('/');
    return request.method() + " " + (slash < 0 ? p : p.substring(0, slash));
  }

  private static HostUnreachableException unreachable(String hostId, Throwable e) {
    if (e instanceof HostUnreachableException h) {
      return h;
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String why = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return new HostUnreachableException(hostId, "cannot reach the engine of " + hostId + ": " + why, e);
  }

  private static DockerHttpClient build(HostConnection connection, Duration responseTimeout) {
    ZerodepDockerHttpClient.Builder b = new ZerodepDockerHttpClient.Builder()
        .dockerHost(connection.url())
        .connectionTimeout(CONNECT_TIMEOUT)
        .maxConnections(64);
    if (responseTimeout != null) {
      b.responseTimeout(responseTimeout);
    }
    if (connection.tls() != null) {
      b.sslConfig(connection.tls().sslConfig());
    }
    return b.build();
  }

  /** Compares "1.41"-style versions numerically. */
  static int compareVersions(String a, String b) {
    List<String> x = List.of(a.split("\\."));
    List<String> y = List.of(b.split("\\."));
    for (int i = 0; i < Math.max(x.size(), y.size()); i++) {
      int xi = i < x.size() ? parse(x.get(i)) : 0;
      int yi = i < y.size() ? parse(y.get(i)) : 0;
      if (xi != yi) {
        return Integer.compare(xi, yi);
      }
    }
    return 0;
  }

  private static int parse(String s) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception ignored) {
      // closing a broken connection pool cannot be acted on
    }
  }

  @Override
  public void close() {
    clients.values().forEach(Clients::close);
    clients.clear();
    readers.shutdownNow();
    workers.close();
  }
}
