package dev.berth.gateway.hosts;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where and how to reach one engine: unix:///abs/path, or tcp://addr:port with optional
 * TLS material. Plain tcp is accepted for loopback addresses only, since the Docker API
 * is root-equivalent and must not cross a network unencrypted.
 */
public record HostConnection(URI url, TlsMaterial tls) {

  public static HostConnection parse(String url, TlsMaterial tls) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("url is required (unix:///path or tcp://addr:port)");
    }
    URI uri;
    try {
      uri = new URI(url.trim());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("url is not a valid URI: " + e.getMessage());
    }
    String scheme = uri.getScheme();
    if ("unix".equals(scheme)) {
      String path = uri.getPath();
      if (uri.getHost() != null || path == null || !path.startsWith("/") || path.length() < 2) {
        throw new IllegalArgumentException("url must look like unix:///absolute/path.sock");
      }
      if (tls != null) {
        throw new IllegalArgumentException("tls applies to tcp:// hosts only");
      }
      if (path.length() >= 108) {
        throw new IllegalArgumentException("unix socket path is too long (max 107 bytes)");
      }
      return new HostConnection(URI.create("unix://" + path), null);
    }
    if ("tcp".equals(scheme)) {
      if (uri.getHost() == null || uri.getPort() <= 0 || (uri.getPath() != null && !uri.getPath().isEmpty())) {
        throw new IllegalArgumentException("url must look like tcp://addr:port");
      }
      if (tls == null && !isLoopback(uri.getHost())) {
        throw new IllegalArgumentException("tcp:// hosts other than loopback need tls (ca, cert, key)");
      }
      return new HostConnection(URI.create("tcp://" + uri.getHost() + ":" + uri.getPort()), tls);
    }
    throw new IllegalArgumentException("url scheme must be unix or tcp, got: " + scheme);
  }

  public boolean isUnix() {
    return "unix".equals(url.getScheme());
  }

  /** The socket file of a unix host; the policy forbids mounting it into containers. */
  public String socketPath() {
    return isUnix() ? url.getPath() : null;
  }

  private static boolean isLoopback(String host) {
    String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    if ("localhost".equals(h)) {
      return true;
    }
    // only literal addresses: resolving a name here could leave the loopback rule
    if (!h.matches("[0-9.]+|[0-9a-fA-F:]+")) {
      return false;
    }
    try {
      return InetAddress.getByName(h).isLoopbackAddress();
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }
}
