package dev.berth.gateway.live;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A WebSocket client on a plain socket that reads only when told to: the way to be a client
 * that does not read at all (the JDK's client may keep reading ahead into its own memory).
 */
final class RawWsClient implements AutoCloseable {
  private final Socket socket;
  private final DataInputStream in;

  RawWsClient(String baseUrl, String path, String protocol, String token) throws IOException {
    URI base = URI.create(baseUrl);
    socket = new Socket(base.getHost(), base.getPort());
    socket.setReceiveBufferSize(16 * 1024);
    socket.setSoTimeout(20_000);
    String request = "GET " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
        + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
        + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: " + protocol + ", bearer." + token + "\r\n\r\n";
    socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
    in = new DataInputStream(new java.io.BufferedInputStream(socket.getInputStream(), 4096));
    String status = readLine(in);
    if (!status.contains(" 101 ")) {
      throw new IOException("handshake refused: " + status);
    }
    while (!readLine(in).isEmpty()) {
      // response headers
    }
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
      if (b != '\r') {
        line.append((char) b);
      }
    }
    return line.toString();
  }

  /** The payload of the next text frame (server frames are unmasked; fragments are not expected). */
  String nextText() throws IOException {
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
      if ((b0 & 0x0f) == 1) {
        return new String(payload, StandardCharsets.UTF_8);
      }
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
