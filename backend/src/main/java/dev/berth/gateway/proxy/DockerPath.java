package dev.berth.gateway.proxy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Docker API part of a proxied request URI. {@code forward} is sent to the engine exactly as
 * the client wrote it (its /v1.NN prefix, percent-encoding and repeated query parameters kept);
 * {@code route} is the decoded, unversioned path that the engine will route on, which is what
 * the role table must judge. Paths whose decoded form is not canonical (dot segments, empty
 * segments) are refused, so the two can never disagree about which route is meant.
 */
record DockerPath(String forward, String route) {

  private static final Pattern VERSION = Pattern.compile("/v[0-9]+\\.[0-9]+(/.*)");

  /**
   * @param uri the request URI, e.g. /api/hosts/local/docker/v1.51/containers/json?all=1
   * @return null when the URI has no Docker API path or one that is not canonical
   */
  static DockerPath parse(String uri) {
    int query = uri.indexOf('?');
    String rawPath = query < 0 ? uri : uri.substring(0, query);
    // skip "/api/hosts/{id}/docker": the fifth slash starts the Docker path
    int at = -1;
    for (int i = 0; i < 5; i++) {
      at = rawPath.indexOf('/', at + 1);
      if (at < 0) {
        return null;
      }
    }
    String rawDocker = rawPath.substring(at);
    String decoded = decode(rawDocker);
    if (decoded == null || decoded.length() < 2 || decoded.contains("//") || decoded.contains("\0")
        || decoded.contains("/./") || decoded.contains("/../") || decoded.endsWith("/.") || decoded.endsWith("/..")) {
      return null;
    }
    Matcher versioned = VERSION.matcher(decoded);
    String route = versioned.matches() ? versioned.group(1) : decoded;
    return new DockerPath(query < 0 ? rawDocker : rawDocker + uri.substring(query), route);
  }

  /** Percent-decoding of a path ('+' stays '+'); null when malformed. */
  private static String decode(String raw) {
    if (raw.indexOf('%') < 0) {
      return raw;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        if (i + 2 >= raw.length()) {
          return null;
        }
        int hi = Character.digit(raw.charAt(i + 1), 16);
        int lo = Character.digit(raw.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          return null;
        }
        out.write(hi * 16 + lo);
        i += 2;
      } else {
        byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        out.write(bytes, 0, bytes.length);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
