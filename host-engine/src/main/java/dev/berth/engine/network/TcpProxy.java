package dev.berth.engine.network;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The userland proxy of one published TCP port (--userland-proxy, on by default as on dockerd):
 * accepts on the host port and copies both ways to the container's address, for every source
 * (loopback, the host's addresses, other containers through their gateway). Measured with
 * bench/port-throughput.sh, it was steadier than netavark's DNAT of 127.0.0.1 via route_localnet.
 */
final class TcpProxy implements Closeable {

  private static final ExecutorService THREADS = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "port-proxy");
    t.setDaemon(true);
    return t;
  });

  /** Pool threads are reused: so are their direct buffers (allocating one per connection costs more than the copy). */
  private static final ThreadLocal<ByteBuffer> BUFFERS = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(128 * 1024));

  private final ServerSocketChannel listener;
  private final InetSocketAddress target;
  private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  TcpProxy(ServerSocketChannel listener, InetSocketAddress target) {
    this.listener = listener;
    this.target = target;
    THREADS.execute(this::acceptLoop);
  }

  private void acceptLoop() {
    while (!closed) {
      SocketChannel client;
      try {
        client = listener.accept();
      } catch (IOException e) {
        return; // closed
      }
      THREADS.execute(() -> connect(client));
    }
  }

  private void connect(SocketChannel client) {
    open.add(client);
    SocketChannel upstream = null;
    try {
      upstream = SocketChannel.open(target);
      open.add(upstream);
      client.setOption(StandardSocketOptions.TCP_NODELAY, true);
      upstream.setOption(StandardSocketOptions.TCP_NODELAY, true);
      SocketChannel up = upstream;
      AtomicInteger done = new AtomicInteger();
      THREADS.execute(() -> pump(up, client, done));
      pump(client, up, done);
    } catch (IOException e) {
      close(client);
      if (upstream != null) {
        close(upstream);
      }
    }
  }

  /**
   * Copies until EOF, then half-closes the other side, so a client that shuts its output still
   * gets the answer; the second direction to finish closes both. A reset closes both at once.
   */
  private void pump(SocketChannel from, SocketChannel to, AtomicInteger done) {
    ByteBuffer buf = BUFFERS.get();
    buf.clear();
    try {
      while (from.read(buf) >= 0) {
        buf.flip();
        while (buf.hasRemaining()) {
          to.write(buf);
        }
        buf.clear();
      }
      to.shutdownOutput();
      if (done.incrementAndGet() < 2) {
        return;
      }
    } catch (IOException e) {
      // reset by a peer: both sides go
    }
    close(from);
    close(to);
  }

  private void close(SocketChannel ch) {
    open.remove(ch);
    try {
      ch.close();
    } catch (IOException e) {
      // already gone
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    listener.close();
    open.forEach(this::close);
  }
}
