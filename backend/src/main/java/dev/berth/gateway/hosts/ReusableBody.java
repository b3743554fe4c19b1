package dev.berth.gateway.hosts;

import com.github.dockerjava.transport.DockerHttpClient;

import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A streamed answer's body that, once read to its end, closes only the body, so the transport
 * keeps the engine connection for the next call; closing it earlier (client gone, stream
 * aborted) drops the connection, since its unread rest cannot be reused. Short answers such as
 * the proxy's `docker ps` save a connect per request this way.
 */
final class ReusableBody extends FilterInputStream implements Closeable {

  private final DockerHttpClient.Response response;
  private volatile boolean atEnd;

  ReusableBody(DockerHttpClient.Response response) {
    super(response.getBody() == null ? InputStream.nullInputStream() : response.getBody());
    this.response = response;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    atEnd |= b < 0;
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    atEnd |= n < 0;
    return n;
  }

  @Override
  public void close() throws IOException {
    if (atEnd) {
      super.close();
    } else {
      response.close();
    }
  }
}
