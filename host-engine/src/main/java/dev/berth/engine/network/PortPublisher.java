package dev.berth.engine.network;

import dev.berth.engine.errors.EngineException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.nio.channels.NetworkChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Published ports: parses PortBindings / PublishAllPorts, and holds each host port with a bound
 * socket while the container runs, which turns a taken port into a clear error at start and keeps
 * other processes off it, as dockerd does. Traffic goes through the {@link Firewall}'s DNAT (the
 * socket is bound, not listening, so nothing is ever accepted on it), or with --userland-proxy
 * TCP through {@link TcpProxy} listening on that socket.
 */
final class PortPublisher {

  /** One requested binding before its host port is known; hostPort 0 means "any". */
  record Request(String hostIp, int hostPortLow, int hostPortHigh, int containerPort, String protocol) {}

  private final Map<String, List<Held>> held = new ConcurrentHashMap<>();
  private final boolean userlandProxy;

  /** A host port held for a container: its socket, and its proxy once the container has an address. */
  private static final class Held {
    final NetworkChannel socket;
    final PortMapping mapping;
    volatile TcpProxy proxy;

    Held(NetworkChannel socket, PortMapping mapping) {
      this.socket = socket;
      this.mapping = mapping;
    }

    void close() {
      closeQuietly(proxy != null ? proxy : socket);
    }
  }

  /** With the userland proxy, TCP ports are served by {@link TcpProxy}; otherwise by the DNAT. */
  PortPublisher(boolean userlandProxy) {
    this.userlandProxy = userlandProxy;
  }

  private boolean dnat(String protocol) {
    return !userlandProxy || !protocol.equals("tcp");
  }

  /** Validates and expands the bindings; every problem is a 400 with dockerd's words. */
  static List<Request> requests(JsonObject config, JsonObject hostConfig) {
    List<Request> out = new ArrayList<>();
    JsonObject bindings = hostConfig.getJsonObject("PortBindings", new JsonObject());
    for (String key : bindings.fieldNames()) {
      int[] port = parseKey(key);
      String proto = protocol(key);
      Object v = bindings.getValue(key);
      JsonArray list = v instanceof JsonArray a ? a : new JsonArray();
      if (list.isEmpty()) {
        list = new JsonArray().add(new JsonObject());
      }
      for (Object o : list) {
        JsonObject b = o instanceof JsonObject j ? j : new JsonObject();
        String ip = b.getString("HostIp", "");
        if (!ip.isEmpty()) {
          if (ip.contains(":")) {
            continue; // IPv6 host addresses: this engine publishes on IPv4 only
          }
          Cidr.parseIp(ip, ip);
        }
        int[] host = parseHostPort(b.getString("HostPort", ""));
        out.add(new Request(ip, host[0], host[1], port[0], proto));
      }
    }
    if (hostConfig.getBoolean("PublishAllPorts", false)) {
      for (String key : config.getJsonObject("ExposedPorts", new JsonObject()).fieldNames()) {
        int[] port = parseKey(key);
        String proto = protocol(key);
        if (out.stream().noneMatch(r -> r.containerPort() == port[0] && r.protocol().equals(proto))) {
          out.add(new Request("", 0, 0, port[0], proto));
        }
      }
    }
    return out;
  }

  private static int[] parseKey(String key) {
    String port = key.contains("/") ? key.substring(0, key.indexOf('/')) : key;
    int p = number(port, "invalid port specification: \"" + key + "\"");
    return new int[] {p};
  }

  private static String protocol(String key) {
    String proto = key.contains("/") ? key.substring(key.indexOf('/') + 1).toLowerCase() : "tcp";
    if (!proto.equals("tcp") && !proto.equals("udp")) {
      throw EngineException.invalidParameter("invalid proto: " + proto);
    }
    return proto;
  }

  private static int[] parseHostPort(String text) {
    if (text.isEmpty()) {
      return new int[] {0, 0};
    }
    String msg = "invalid hostPort: " + text;
    int dash = text.indexOf('-');
    if (dash < 0) {
      int p = number(text, msg);
      return new int[] {p, p};
    }
    int lo = number(text.substring(0, dash), msg);
    int hi = number(text.substring(dash + 1), msg);
    if (hi < lo) {
      throw EngineException.invalidParameter(msg);
    }
    return new int[] {lo, hi};
  }

  private static int number(String s, String msg) {
    try {
      int p = Integer.parseInt(s);
      if (p < 0 || p > 65535) {
        throw EngineException.invalidParameter(msg);
      }
      return p;
    } catch (NumberFormatException e) {
      throw EngineException.invalidParameter(msg);
    }
  }

  /**
   * Binds every host port for the container (any free one for port 0, the first free one of a
   * range). On a failure every socket taken so far is closed and the error names the port.
   */
  List<PortMapping> reserve(String containerId, String containerName, List<Request> requests) {
    release(containerId);
    List<Held> sockets = new ArrayList<>();
    List<PortMapping> out = new ArrayList<>();
    try {
      for (Request r : requests) {
        String bindIp = r.hostIp().isEmpty() ? "0.0.0.0" : r.hostIp();
        IOException last = null;
        NetworkChannel ch = null;
        for (int p = r.hostPortLow(); p <= r.hostPortHigh() && ch == null; p++) {
          try {
            ch = bind(r.protocol(), bindIp, p, !dnat(r.protocol()));
          } catch (IOException e) {
            last = e;
          }
        }
        if (ch == null) {
          throw EngineException.system(
              "driver failed programming external connectivity on endpoint " + containerName + " (" + containerId
                  + "): Error starting userland proxy: listen " + r.protocol() + "4 " + bindIp + ":"
                  + r.hostPortLow() + ": bind: " + reason(last), last);
        }
        int port = ((InetSocketAddress) ch.getLocalAddress()).getPort();
        PortMapping m = new PortMapping(r.hostIp(), port, r.containerPort(), r.protocol(), dnat(r.protocol()));
        sockets.add(new Held(ch, m));
        out.add(m);
      }
    } catch (IOException | RuntimeException e) {
      sockets.forEach(Held::close);
      throw e instanceof EngineException ee ? ee : EngineException.system(e.getMessage(), e);
    }
    held.put(containerId, sockets);
    return out;
  }

  /** After an engine restart: holds the ports of a container that still runs (best effort). */
  void rehold(String containerId, List<PortMapping> mappings, String containerIp) {
    List<Held> sockets = new ArrayList<>();
    for (PortMapping m : mappings) {
      try {
        sockets.add(new Held(bind(m.protocol(), m.hostIp().isEmpty() ? "0.0.0.0" : m.hostIp(), m.hostPort(), !m.dnat()), m));
      } catch (IOException e) {
        // taken meanwhile: this port stays unserved until the container restarts
      }
    }
    held.put(containerId, sockets);
    serve(containerId, containerIp);
  }

  /** Starts the proxies of the container's TCP ports, now that it has an address. */
  void serve(String containerId, String containerIp) {
    for (Held h : held.getOrDefault(containerId, List.of())) {
      if (!h.mapping.dnat() && h.proxy == null && h.socket instanceof ServerSocketChannel listener) {
        h.proxy = new TcpProxy(listener, new InetSocketAddress(containerIp, h.mapping.containerPort()));
      }
    }
  }

  void release(String containerId) {
    List<Held> sockets = held.remove(containerId);
    if (sockets != null) {
      sockets.forEach(Held::close);
    }
  }

  /** A TCP port for the DNAT is only bound: a listening one would accept what escapes the DNAT, and hang it. */
  private static NetworkChannel bind(String protocol, String ip, int port, boolean listen) throws IOException {
    InetSocketAddress addr = new InetSocketAddress(ip, port);
    if (protocol.equals("udp") || !listen) {
      NetworkChannel d = protocol.equals("udp")
          ? DatagramChannel.open(StandardProtocolFamily.INET) : SocketChannel.open(StandardProtocolFamily.INET);
      try {
        return d.bind(addr);
      } catch (IOException e) {
        d.close();
        throw e;
      }
    }
    ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.INET);
    try {
      return s.bind(addr, 128);
    } catch (IOException e) {
      s.close();
      throw e;
    }
  }

  private static String reason(IOException e) {
    String m = e == null || e.getMessage() == null ? "address already in use" : e.getMessage();
    return m.toLowerCase().contains("already in use") ? "address already in use" : m;
  }

  private static void closeQuietly(Closeable c) {
    try {
      c.close();
    } catch (IOException e) {
      // closing a bound socket does not fail in practice
    }
  }
}
