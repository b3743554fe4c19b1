package dev.berth.engine.streams;

import java.io.Closeable;
import java.io.FileDescriptor;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.newsclub.net.unix.AFSocketType;
import org.newsclub.net.unix.AFUNIXDatagramChannel;
import org.newsclub.net.unix.AFUNIXSelectorProvider;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * A connection to conmon's attach socket ({@code <bundle>/attach}, SOCK_SEQPACKET, which the
 * JDK cannot open). Each packet read is one byte of conmon's pipe id (2 stdout, 3 stderr: its
 * stdpipe_t, as Podman reads it) and data; a
 * write becomes the container's stdin; a half-close (shutdown SHUT_WR) tells conmon that stdin
 * ended, and conmon then closes the container's stdin unless it runs with
 * {@code --leave-stdin-open}. conmon closes the socket once the process has exited and its
 * output is drained.
 *
 * <p>Reads block, so they run on a dedicated thread, never on an event loop.
 */
public final class ConmonAttachSocket implements Closeable {

  private static final Logger LOG = Logger.getLogger(ConmonAttachSocket.class.getName());
  /** conmon's STDIO_BUF_SIZE is 8192, plus the stream byte. */
  private static final int PACKET = 8192 + 1;
  private static final int SHUT_WR = 1;
  private static final int CONMON_STDOUT = 2;
  private static final int CONMON_STDERR = 3;
  private static final Method SHUTDOWN = shutdownMethod();

  /** Receives the container's output. */
  public interface Output {
    void data(int stream, byte[] data);

    /** The socket closed: the process exited (or conmon went away). */
    void end();
  }

  private final AFUNIXDatagramChannel channel;
  private volatile boolean closed;

  private ConmonAttachSocket(AFUNIXDatagramChannel channel) {
    this.channel = channel;
  }

  /**
   * Connects. A path too long for sun_path (108 bytes) is reached through a short symlink to
   * its directory.
   */
  public static ConmonAttachSocket connect(Path socket) throws IOException {
    Path target = SocketPaths.shortened(socket);
    AFUNIXDatagramChannel channel = AFUNIXSelectorProvider.provider().openDatagramChannel(AFSocketType.SOCK_SEQPACKET);
    try {
      channel.connect(AFUNIXSocketAddress.of(target.toFile()));
    } catch (IOException e) {
      channel.close();
      throw e;
    }
    return new ConmonAttachSocket(channel);
  }

  /** Starts the reader thread. */
  public void readInto(String name, Output output) {
    Thread reader =
        new Thread(
            () -> {
              ByteBuffer buf = ByteBuffer.allocate(PACKET + 1);
              try {
                while (!closed) {
                  buf.clear();
                  int n = channel.read(buf);
                  if (n <= 0) {
                    break;
                  }
                  byte[] packet = buf.array();
                  int stream =
                      packet[0] == CONMON_STDOUT ? StdFrames.STDOUT : packet[0] == CONMON_STDERR ? StdFrames.STDERR : -1;
                  if (n > 1 && stream > 0) {
                    output.data(stream, Arrays.copyOfRange(packet, 1, n));
                  }
                }
              } catch (IOException e) {
                if (!closed) {
                  LOG.log(Level.FINE, "attach socket read ended", e);
                }
              } finally {
                output.end();
              }
            },
            "attach-" + name);
    reader.setDaemon(true);
    reader.start();
  }

  /** Sends stdin bytes. Blocks while conmon's buffer is full: call from a worker. */
  public void write(byte[] data) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap(data);
    while (buf.hasRemaining()) {
      // a packet larger than conmon's read buffer would be truncated: send in slices
      int len = Math.min(buf.remaining(), 8191);
      ByteBuffer slice = buf.slice();
      slice.limit(len);
      channel.write(slice);
      buf.position(buf.position() + len);
    }
  }

  /** Half-closes: conmon sees the end of this client's stdin. */
  public void closeInput() {
    try {
      FileDescriptor fd = channel.getFileDescriptor();
      SHUTDOWN.invoke(null, fd, SHUT_WR);
    } catch (ReflectiveOperationException | IOException | RuntimeException e) {
      LOG.log(Level.FINE, "attach socket half-close failed", e);
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      channel.close();
    } catch (IOException e) {
      LOG.log(Level.FINE, "attach socket close", e);
    }
  }

  /**
   * junixsocket offers no shutdown() on datagram-style channels; its native helper does it on
   * the descriptor.
   */
  private static Method shutdownMethod() {
    try {
      Class<?> nativeSocket = Class.forName("org.newsclub.net.unix.NativeUnixSocket");
      Method m = nativeSocket.getDeclaredMethod("shutdown", FileDescriptor.class, int.class);
      m.setAccessible(true);
      return m;
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
}
