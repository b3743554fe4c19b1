package dev.berth.engine.network;

import dev.berth.engine.runtime.Commands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The backend of networks without DNS, the default bridge (dockerd's has no DNS either), done as
 * dockerd's bridge driver does it: the bridge device lives as long as the network, a start adds a
 * veth pair with its address and route in two {@code ip -batch} processes, and the NAT and
 * published ports are the {@link Firewall}'s. netavark, whose firewall driver runs ~25 iptables
 * processes per start and per stop, stays for DNS networks, where aardvark-dns serves names.
 */
final class IprouteBackend implements NetworkBackend {

  private static final Logger LOG = Logger.getLogger(IprouteBackend.class.getName());

  private final Firewall firewall;
  /** Bridges whose address this engine run has checked. */
  private final Set<String> bridgesReady = ConcurrentHashMap.newKeySet();

  IprouteBackend(Firewall firewall) {
    this.firewall = firewall;
  }

  @Override
  public void setup(Path netns, Attachment a) throws IOException {
    Network n = a.network();
    ensureBridge(n);
    firewall.ensure(n);
    String host = hostEnd(a);
    if (Files.exists(Path.of("/sys/class/net", host))) {
      Commands.run(List.of("ip", "link", "del", host)); // left by a crash before its teardown
    }
    try {
      // the pair is made inside the container's netns, and its host end moved out to ours
      String inside = "link add " + a.iface() + " address " + a.mac() + " type veth peer name " + host + "\n"
          + "link set " + host + " netns " + ProcessHandle.current().pid() + "\n"
          + "addr add " + a.ipString() + "/" + n.subnet().prefix() + " dev " + a.iface() + "\n"
          + "link set lo up\n"
          + "link set " + a.iface() + " up\n"
          + (a.iface().equals("eth0") && !n.internal() ? "route add default via " + n.gatewayIp() + "\n" : "");
      PipedCommand.run(List.of("nsenter", "--net=" + netns, "ip", "-batch", "-"), inside);
      // hairpin: a container reaches its own published port through the host's address
      PipedCommand.run(List.of("ip", "-batch", "-"), "link set " + host + " master " + n.bridge() + "\n"
          + "link set " + host + " type bridge_slave hairpin on\n"
          + "link set " + host + " up\n");
      firewall.addPorts(a);
    } catch (IOException e) {
      teardown(netns, a);
      throw new IOException("network setup failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void teardown(Path netns, Attachment a) {
    firewall.removePorts(a);
    String host = hostEnd(a);
    if (Files.exists(Path.of("/sys/class/net", host))) {
      Commands.Result r = Commands.run(List.of("ip", "link", "del", host)); // takes the container's end with it
      if (!r.ok() && Files.exists(Path.of("/sys/class/net", host))) {
        LOG.warning("cannot delete " + host + ": " + r.err().strip());
      }
    }
  }

  /** The host end's name: from the container id and the interface, so a teardown after a crash finds it. */
  static String hostEnd(Attachment a) {
    return "vb" + a.containerId().substring(0, 10) + a.iface().substring(3);
  }

  private synchronized void ensureBridge(Network n) throws IOException {
    boolean exists = Files.exists(Path.of("/sys/class/net", n.bridge()));
    if (exists && bridgesReady.contains(n.bridge())) {
      return;
    }
    String cidr = Cidr.ip(n.gateway()) + "/" + n.subnet().prefix();
    PipedCommand.run(List.of("ip", "-batch", "-"),
        (exists ? "" : "link add " + n.bridge() + " type bridge\n")
            + "addr replace " + cidr + " dev " + n.bridge() + "\n"
            + "link set " + n.bridge() + " up\n");
    bridgesReady.add(n.bridge());
  }

  /**
   * A network nobody uses any more (removed, or idle when the engine stops): its rules go, and its
   * bridge once no port is left on it, as netavark's went with a network's last endpoint.
   */
  void release(Network n) {
    firewall.remove(n);
    bridgesReady.remove(n.bridge());
    Path ports = Path.of("/sys/class/net", n.bridge(), "brif");
    try (var list = Files.list(ports)) {
      if (list.findAny().isEmpty()) {
        Commands.run(List.of("ip", "link", "del", n.bridge()));
      }
    } catch (IOException e) {
      // no such bridge: nothing to delete
    }
  }
}
