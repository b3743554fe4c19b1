package dev.berth.gateway.resources;

import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import dev.berth.gateway.hosts.DockerHostAccess;
import dev.berth.gateway.hosts.EngineCallTimer;
import dev.berth.gateway.hosts.EngineRequest;
import dev.berth.gateway.hosts.HostConnection;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;

/**
 * Times the parts of GET /api/hosts/{id}/containers one by one, in this JVM (never run by the
 * test suites): the engine call as the gateway makes it (worker hop + docker-java zerodep),
 * zerodep on the calling thread, a plain HTTP/1.1 GET on the socket, and the gateway's own
 * work on the engine's answer (parse, sort, page, write).
 * Usage: java -cp test-classes:classes:deps dev.berth.gateway.resources.ListPathBench /path/engine.sock [rounds]
 */
public final class ListPathBench {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final String PATH = "/v1.41/containers/json?all=1";

  private ListPathBench() {
  }

  public static void main(String[] args) throws Exception {
    String socket = args[0];
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
    Vertx vertx = Vertx.vertx();
    DockerHostAccess access = new DockerHostAccess(vertx, 4, EngineCallTimer.NONE);
    access.register("local", HostConnection.parse("unix://" + socket, null));
    DockerHttpClient zerodep = new ZerodepDockerHttpClient.Builder().dockerHost(URI.create("unix://" + socket)).build();
    RawClient raw = new RawClient(socket);
    Buffer body = raw.get(PATH);
    ContainerList query = ContainerList.parse(MultiMap.caseInsensitiveMultiMap().add("all", "true").add("limit", "1000"));
    System.out.printf("engine body %d bytes, gateway page %d bytes%n", body.length(), query.page(body).length());

    time("raw HTTP GET on the socket", rounds, () -> raw.get(PATH));
    time("zerodep execute, calling thread", rounds, () -> {
      try (DockerHttpClient.Response r = zerodep.execute(DockerHttpClient.Request.builder()
          .method(DockerHttpClient.Request.Method.GET).path(PATH).build())) {
        return r.getBody().readAllBytes();
      }
    });
    time("HostAccess.call (worker + zerodep)", rounds, () ->
        access.call("local", query.engineRequest()).toCompletionStage().toCompletableFuture().get());
    time("ContainerViews.read", rounds, () -> ContainerViews.read(body));
    time("ContainerList.page (read+sort+write)", rounds, () -> query.page(body));
    time("raw HTTP GET on the socket", rounds, () -> raw.get(PATH));
    time("HostAccess.call (worker + zerodep)", rounds, () ->
        access.call("local", query.engineRequest()).toCompletionStage().toCompletableFuture().get());
    access.close();
    zerodep.close();
    raw.close();
    vertx.close().await();
  }

  /** Prints the median and 10th percentile wall time, and the mean CPU time of this thread. */
  private static void time(String what, int rounds, Callable<?> task) throws Exception {
    for (int i = 0; i < rounds; i++) {
      task.call();
    }
    long[] wall = new long[rounds];
    long cpu0 = THREADS.getCurrentThreadCpuTime();
    for (int i = 0; i < rounds; i++) {
      long t = System.nanoTime();
      task.call();
      wall[i] = System.nanoTime() - t;
    }
    long cpu = (THREADS.getCurrentThreadCpuTime() - cpu0) / rounds;
    Arrays.sort(wall);
    System.out.printf("%-40s median %7.3f ms  p10 %7.3f ms  caller CPU %7.3f ms%n", what,
        wall[rounds / 2] / 1e6, wall[rounds / 10] / 1e6, cpu / 1e6);
  }

  /** HTTP/1.1 GET with keep-alive over a unix socket, reading a Content-Length or chunked body. */
  private static final class RawClient implements AutoCloseable {
    private final SocketChannel channel;
    private final java.io.InputStream in;

    RawClient(String socket) throws Exception {
      channel = SocketChannel.open(StandardProtocolFamily.UNIX);
      channel.connect(UnixDomainSocketAddress.of(socket));
      in = new java.io.BufferedInputStream(java.nio.channels.Channels.newInputStream(channel), 1 << 16);
    }

    Buffer get(String path) throws Exception {
      channel.write(ByteBuffer.wrap(("GET " + path + " HTTP/1.1\r\nHost: engine\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII)));
      int length = -1;
      boolean chunked = false;
      String line;
      while (!(line = line()).isEmpty()) {
        String lower = line.toLowerCase();
        if (lower.startsWith("content-length:")) {
          length = Integer.parseInt(lower.substring(15).trim());
        } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
          chunked = true;
        }
      }
      if (!chunked) {
        return Buffer.buffer(in.readNBytes(length));
      }
      Buffer body = Buffer.buffer(1 << 19);
      int size;
      while ((size = Integer.parseInt(line().trim(), 16)) > 0) {
        body.appendBytes(in.readNBytes(size));
        line();
      }
      line();
      return body;
    }

    private String line() throws java.io.IOException {
      StringBuilder s = new StringBuilder();
      int c;
      while ((c = in.read()) >= 0 && c != '\n') {
        if (c != '\r') {
          s.append((char) c);
        }
      }
      if (c < 0) {
        throw new java.io.EOFException("engine closed the connection");
      }
      return s.toString();
    }

    @Override
    public void close() throws Exception {
      channel.close();
    }
  }
}
