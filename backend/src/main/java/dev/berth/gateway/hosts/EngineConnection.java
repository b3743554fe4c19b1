package dev.berth.gateway.hosts;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * One raw connection to an engine (unix socket, tcp, or tcp with TLS) that can half-close its
 * write side. Hijacked streams need that: the CLI's stdin EOF must reach the container as EOF
 * while its output keeps flowing. docker-java's zerodep transport (3.5.3) never half-closes a
 * hijacked connection and its UnixSocket refuses shutdownOutput, so hijacks use this instead,
 * with the same addresses and the same TLS material as the docker-java clients.
 */
interface EngineConnection extends AutoCloseable {

  InputStream input();

  OutputStream output();

  void shutdownOutput() throws IOException;

  @Override
  void close();

  static EngineConnection open(HostConnection connection, SSLContext tls, int connectTimeoutMillis)
      throws IOException {
    if (connection.isUnix()) {
      return new Unix(SocketChannel.open(UnixDomainSocketAddress.of(connection.socketPath())));
    }
    String host = connection.url().getHost();
    int port = connection.url().getPort();
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(host, port), connectTimeoutMillis);
      socket.setTcpNoDelay(true);
      if (tls != null) {
        SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(socket, host, port, true);
        SSLParameters params = ssl.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        ssl.setSSLParameters(params);
        ssl.startHandshake();
        socket = ssl;
      }
      return new Tcp(socket);
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  /** A JDK unix-domain channel: reads and writes go straight to it, so they never lock each other. */
  final class Unix implements EngineConnection {
    private final SocketChannel channel;
    private final InputStream in;
    private final OutputStream out;

    Unix(SocketChannel channel) {
      this.channel = channel;
      this.in = new InputStream() {
        @Override
        public int read() throws IOException {
          byte[] one = new byte[1];
          int n = read(one, 0, 1);
          return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          return len == 0 ? 0 : channel.read(ByteBuffer.wrap(b, off, len));
        }
      };
      this.out = new OutputStream() {
        @Override
        public void write(int b) throws IOException {
          write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          ByteBuffer buf = ByteBuffer.wrap(b, off, len);
          while (buf.hasRemaining()) {
            channel.write(buf);
          }
        }
      };
    }

    @Override
    public InputStream input() {
      return in;
    }

    @Override
    public OutputStream output() {
      return out;
    }

    @Override
    public void shutdownOutput() throws IOException {
      channel.shutdownOutput();
    }

    @Override
    public void close() {
      try {
        channel.close();
      } catch (IOException ignored) {
        // already broken: nothing to release
      }
    }
  }

  final class Tcp implements EngineConnection {
    private final Socket socket;

    Tcp(Socket socket) {
      this.socket = socket;
    }

    @Override
    public InputStream input() {
      try {
        return socket.getInputStream();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public OutputStream output() {
      try {
        return socket.getOutputStream();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void shutdownOutput() throws IOException {
      socket.shutdownOutput();
    }

    @Override
    public void close() {
      try {
        socket.close();
      } catch (IOException ignored) {
        // already broken: nothing to release
      }
    }
  }
}
