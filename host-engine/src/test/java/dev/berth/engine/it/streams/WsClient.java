package dev.berth.engine.it.streams;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A minimal RFC 6455 client over the engine's unix socket for the attach/ws tests: the upgrade,
 * masked frames out, whole messages in (on a reader thread), and the close handshake.
 */
final class WsClient implements AutoCloseable {

  /** One message received: its bytes and whether it was binary (else text). */
  record Message(byte[] data, boolean binary) {}

  /** The answer to an upgrade that was refused. */
  static final class Refused extends IOException {
    final int status;

    Refused(int status, String head) {
      super("upgrade refused: " + head);
      this.status = status;
    }
  }

  final LinkedBlockingQueue<Message> messages = new LinkedBlockingQueue<>();
  final CompletableFuture<Void> closed = new CompletableFuture<>();
  private final SocketChannel channel;

  private WsClient(SocketChannel channel, InputStream in) {
    this.channel = channel;
    Thread reader = new Thread(() -> read(new DataInputStream(in)), "ws-test-reader");
    reader.setDaemon(true);
    reader.start();
  }

  static WsClient connect(Path socket, String path) throws IOException {
    SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
    channel.connect(UnixDomainSocketAddress.of(socket));
    byte[] nonce = new byte[16];
    ThreadLocalRandom.current().nextBytes(nonce);
    String request = "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\nSec-WebSocket-Version: 13\r\n"
        + "Origin: http://localhost\r\n\r\n";
    writeFully(channel, request.getBytes(StandardCharsets.US_ASCII));
    // reads hold the channel's blocking lock (Channels streams): writes go to the channel itself
    InputStream in = Channels.newInputStream(channel);
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.write(b);
    }
    String text = head.toString(StandardCharsets.ISO_8859_1);
    String[] status = text.split(" ", 3);
    int code = status.length > 1 ? Integer.parseInt(status[1].trim()) : -1;
    if (code != 101) {
      channel.close();
      throw new Refused(code, text.lines().findFirst().orElse(""));
    }
    return new WsClient(channel, in);
  }

  void sendBinary(String text) throws IOException {
    send(2, text.getBytes(StandardCharsets.UTF_8));
  }

  Message next() throws InterruptedException {
    Message m = messages.poll(15, TimeUnit.SECONDS);
    if (m == null) {
      throw new AssertionError("no message within 15 s");
    }
    return m;
  }

  /** Everything received until the server closes. */
  byte[] untilClosed() throws Exception {
    closed.get(15, TimeUnit.SECONDS);
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (Message m : messages) {
      all.write(m.data());
    }
    return all.toByteArray();
  }

  @Override
  public void close() throws IOException {
    try {
      send(8, new byte[0]);
    } catch (IOException e) {
      // already gone
    }
    channel.close();
  }

  private synchronized void send(int opcode, byte[] payload) throws IOException {
    byte[] mask = new byte[4];
    ThreadLocalRandom.current().nextBytes(mask);
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.write(0x80 | opcode);
    if (payload.length < 126) {
      frame.write(0x80 | payload.length);
    } else {
      frame.write(0x80 | 126);
      frame.write(payload.length >> 8);
      frame.write(payload.length & 0xff);
    }
    frame.write(mask);
    for (int i = 0; i < payload.length; i++) {
      frame.write(payload[i] ^ mask[i % 4]);
    }
    writeFully(channel, frame.toByteArray());
  }

  private static void writeFully(SocketChannel channel, byte[] bytes) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }

  private void read(DataInputStream in) {
    ByteArrayOutputStream message = new ByteArrayOutputStream();
    boolean binary = false;
    try {
      while (true) {
        int b0 = in.readUnsignedByte();
        int b1 = in.readUnsignedByte();
        long length = b1 & 0x7f;
        if (length == 126) {
          length = in.readUnsignedShort();
        } else if (length == 127) {
          length = in.readLong();
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        int opcode = b0 & 0x0f;
        if (opcode == 8) {
          break;
        }
        if (opcode == 1 || opcode == 2) {
          binary = opcode == 2;
          message.reset();
        }
        if (opcode <= 2) {
          message.write(payload);
          if ((b0 & 0x80) != 0) {
            messages.add(new Message(message.toByteArray(), binary));
          }
        }
      }
    } catch (IOException e) {
      // the connection ended
    }
    closed.complete(null);
  }
}
