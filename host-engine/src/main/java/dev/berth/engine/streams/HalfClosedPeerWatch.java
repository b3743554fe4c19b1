package dev.berth.engine.streams;

import io.netty.channel.Channel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.channel.unix.FileDescriptor;
import io.netty.channel.unix.UnixChannel;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetSocket;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Closes a hijacked connection whose client went away after half-closing it. Once a client has
 * sent its EOF (the CLI does when its stdin ends), Netty stops reading the socket; when the client
 * then closes it for good (killed, Ctrl-C) epoll reports only EPOLLHUP, which Netty does not act on
 * while reading is off, so the event loop would wake for it again and again (a core spinning until
 * the container next writes output, forever for a quiet one). Probing the socket with a
 * zero-length write every second tells the two apart: it succeeds while the client is still there
 * to read, and fails (EPIPE) once it is gone; the connection is then closed, which ends the session.
 * Unix sockets only: a TCP peer's close surfaces at the next real write, with no EPOLLHUP before.
 */
final class HalfClosedPeerWatch {

  static final long PERIOD_MS = 1000;
  private static final ByteBuffer NOTHING = ByteBuffer.allocateDirect(0);

  private HalfClosedPeerWatch() {
  }

  /** Starts probing, on the caller's context, until the connection is closed. */
  static void start(Vertx vertx, Channel channel, NetSocket socket) {
    if (!(channel instanceof UnixChannel unix) || !(channel.localAddress() instanceof DomainSocketAddress)) {
      return;
    }
    FileDescriptor fd = unix.fd();
    vertx.setPeriodic(PERIOD_MS, timer -> {
      if (!channel.isOpen()) {
        vertx.cancelTimer(timer);
        return;
      }
      try {
        fd.write(NOTHING, 0, 0);
      } catch (IOException gone) {
        vertx.cancelTimer(timer);
        socket.close();
      }
    });
  }
}
