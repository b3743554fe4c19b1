package dev.berth.gateway.live;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP port forwarded to an engine's unix socket, whose open connections can be cut
 * at will: an engine connection that drops, without stopping the engine.
 */
final class UnixForwarder implements AutoCloseable {
  private final ServerSocket server;
  private final Path target;
  private final List<AutoCloseable> open = new CopyOnWriteArrayList<>();

  private UnixForwarder(ServerSocket server, Path target) {
    this.server = server;
    this.target = target;
  }

  static UnixForwarder start(Path unixSocket) throws IOException {
    UnixForwarder forwarder = new UnixForwarder(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), unixSocket);
    Thread acceptor = new Thread(forwarder::acceptLoop, "unix-forwarder");
    acceptor.setDaemon(true);
    acceptor.start();
    return forwarder;
  }

  int port() {
    return server.getLocalPort();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        SocketChannel engine = SocketChannel.open(StandardProtocolFamily.UNIX);
        engine.connect(UnixDomainSocketAddress.of(target));
        open.add(client);
        open.add(engine);
        // Channels.newInputStream/newOutputStream share one lock per channel: a blocked read would
        // stall the writes, so the engine side is pumped with the channel's own read and write
        pump(client, engine, () -> {
          byte[] buf = new byte[16384];
          InputStream in = client.getInputStream();
          for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(buf, 0, n);
            while (b.hasRemaining()) {
              engine.write(b);
            }
          }
        });
        pump(client, engine, () -> {
          java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(16384);
          OutputStream out = client.getOutputStream();
          while (engine.read(b) >= 0) {
            out.write(b.array(), 0, b.position());
            b.clear();
          }
        });
      } catch (IOException e) {
        // closed, or the engine refused: the client sees its connection drop
      }
    }
  }

  private interface Pump {
    void run() throws IOException;
  }

  /** Copies one direction; when it ends, the whole connection is closed, as a proxy would. */
  private void pump(Socket client, SocketChannel engine, Pump pump) {
    Thread t = new Thread(() -> {
      try {
        pump.run();
      } catch (IOException e) {
        // one side went away
      }
      try {
        client.close();
        engine.close();
      } catch (IOException ignored) {
        // already closed
      }
    }, "unix-forwarder-pump");
    t.setDaemon(true);
    t.start();
  }

  /** Cuts every connection open now; new ones are still accepted. */
  void dropAll() {
    for (AutoCloseable c : open) {
      try {
        c.close();
      } catch (Exception ignored) {
        // already closed
      }
    }
    open.clear();
  }

  @Override
  public void close() throws IOException {
    server.close();
    dropAll();
  }
}
