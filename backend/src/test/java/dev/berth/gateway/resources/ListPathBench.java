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

  /** HTTP/1.1 GET with keep-alive over a unix socket, reading a Content-Length body. */
  private static final class RawClient implements AutoCloseable {
    private final SocketChannel channel;
    private final ByteBuffer in = ByteBuffer.allocate(1 << 20);

    RawClient(String socket) throws Exception {
      channel = SocketChannel.open(StandardProtocolFamily.UNIX);
      channel.connect(UnixDomainSocketAddress.of(socket));
    }

    Buffer get(String path) throws Exception {
      channel.write(ByteBuffer.wrap(("GET " + path + " HTTP/1.1\r\nHost: engine\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII)));
      in.clear();
      int headerEnd = -1;
      while (headerEnd < 0) {
        if (channel.read(in) < 0) {
          throw new IllegalStateException("engine closed the connection");
        }
        headerEnd = indexOf(in.array(), in.position());
      }
      String head = new String(in.array(), 0, headerEnd + 2, StandardCharsets.US_ASCII).toLowerCase();
      int at = head.indexOf("content-length:");
      int length = Integer.parseInt(head.substring(at + 15, head.indexOf('\r', at)).trim());
      while (in.position() < headerEnd + 4 + length) {
        channel.read(in);
      }
      return Buffer.buffer(Arrays.copyOfRange(in.array(), headerEnd + 4, headerEnd + 4 + length));
    }

    private static int indexOf(byte[] b, int end) {
      for (int i = 0; i + 3 < end; i++) {
        if (b[i] == '\r' && b[i + 1] == '\n' && b[i + 2] == '\r' && b[i + 3] == '\n') {
          return i;
        }
      }
      return -1;
    }

    @Override
    public void close() throws Exception {
      channel.close();
    }
  }
}
