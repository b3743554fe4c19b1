package dev.berth.engine.network;

import dev.berth.engine.runtime.Commands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The iptables rules of the networks of {@link IprouteBackend}, kept as dockerd's bridge driver
 * keeps them: a network's NAT and forwarding rules are made when its first container starts and
 * stay until the network is removed (or the engine stops with no container on it), so a
 * container start runs no iptables command unless it publishes ports (netavark's firewall driver
 * runs ~25 per start and per stop). Published ports are DNAT rules in {@link #HOSTPORTS},
 * reached from PREROUTING and OUTPUT for local addresses, written with one iptables-restore each
 * way; route_localnet on the bridge and a masquerade let 127.0.0.1 reach them, and
 * masquerading DNATed traffic inside a subnet lets other containers.
 */
final class Firewall {

  private static final Logger LOG = Logger.getLogger(Firewall.class.getName());
  /** Shared by every engine on the host: rules go in and out one by one, the chain is never flushed. */
  static final String HOSTPORTS = "BERTH-HOSTPORTS";

  /** Networks whose rules this engine has put in place since it started. */
  private final Set<String> ready = ConcurrentHashMap.newKeySet();
  private volatile boolean hostportsReady;

  /** The network's own chain in the nat and filter tables: its id names it, as ids never collide between engines. */
  static String chain(Network n) {
    return "BERTH-" + n.id().substring(0, 12);
  }

  /** Whether this engine run put the network's rules in place. */
  boolean made(Network n) {
    return ready.contains(n.id());
  }

  /** Puts the network's rules in place once per engine run; idempotent, and cheap when done. */
  void ensure(Network n) throws IOException {
    if (!n.isBridgeDriver() || n.internal() || ready.contains(n.id())) {
      return; // an internal network has no NAT; Isolation drops what crosses its bridge
    }
    synchronized (this) {
      if (ready.contains(n.id())) {
        return;
      }
      writeSysctl(Path.of("/proc/sys/net/ipv4/ip_forward"));
      String c = chain(n);
      String subnet = n.subnet().toString();
      // declaring a chain in iptables-restore flushes it: a second run rewrites, never duplicates
      restore("*nat\n:" + c + " - [0:0]\n"
          + "-A " + c + " -d " + subnet + " -m conntrack --ctstate DNAT -j MASQUERADE\n"
          + "-A " + c + " -d " + subnet + " -j ACCEPT\n"
          + "-A " + c + " ! -d 224.0.0.0/4 -j MASQUERADE\n"
          + "COMMIT\n*filter\n:" + c + " - [0:0]\n"
          + "-A " + c + " -d " + subnet + " -m conntrack --ctstate RELATED,ESTABLISHED,DNAT -j ACCEPT\n"
          + "-A " + c + " -s " + subnet + " -j ACCEPT\n"
          + "COMMIT\n");
      for (List<String> j : jumps(n)) {
        if (!iptables(verb("-C", j)) && !iptables(verb("-A", j))) {
          throw new IOException("cannot add iptables rule " + String.join(" ", j.subList(2, j.size())));
        }
      }
      ready.add(n.id());
    }
  }

  /** The rules in built-in chains that lead to the network's: table, chain, then the rule. */
  private static List<List<String>> jumps(Network n) {
    String c = chain(n);
    return List.of(
        List.of("nat", "POSTROUTING", "-s", n.subnet().toString(), "-j", c),
        // 127.0.0.1 -> a published port: the bridge carries it (route_localnet), the container answers its gateway
        List.of("nat", "POSTROUTING", "-s", "127.0.0.0/8", "-o", n.bridge(), "-j", "MASQUERADE"),
        List.of("filter", "FORWARD", "-j", c));
  }

  /** iptables -w -t TABLE VERB CHAIN RULE... for a {@link #jumps} entry. */
  private static List<String> verb(String verb, List<String> jump) {
    List<String> cmd = new ArrayList<>(List.of("iptables", "-w", "-t", jump.get(0), verb));
    cmd.addAll(jump.subList(1, jump.size()));
    return cmd;
  }

  /** Removes the network's rules; quiet when they are not there. */
  synchronized void remove(Network n) {
    ready.remove(n.id());
    if (!n.isBridgeDriver() || n.internal()) {
      return;
    }
    for (List<String> j : jumps(n)) {
      for (int i = 0; i < 8 && iptables(verb("-D", j)); i++) {
        // a rule added twice (a crash between -C and -A) goes entirely
      }
    }
    for (String table : List.of("nat", "filter")) {
      iptables(List.of("iptables", "-w", "-t", table, "-F", chain(n)));
      iptables(List.of("iptables", "-w", "-t", table, "-X", chain(n)));
    }
  }

  /** Adds the DNAT rules of the attachment's published ports (those not served by the userland proxy). */
  void addPorts(Attachment a) throws IOException {
    List<PortMapping> list = a.ports().stream().filter(PortMapping::dnat).toList();
    if (list.isEmpty()) {
      return;
    }
    ensureHostports();
    writeSysctl(Path.of("/proc/sys/net/ipv4/conf", a.network().bridge(), "route_localnet"));
    // this engine holds each host port's socket, so an older rule for the same address and port
    // can only be stale (left by a crash); first match wins, so it would send the port elsewhere
    String stale = staleRules(Commands.run(List.of("iptables", "-w", "-t", "nat", "-S", HOSTPORTS)).out(), a, list);
    if (!stale.isEmpty()) {
      LOG.warning("removing stale DNAT rules before publishing the ports of " + a.containerId().substring(0, 12)
          + ":\n" + stale);
      restore("*nat\n" + stale + "COMMIT\n");
    }
    restore("*nat\n" + portRules("-A", a, list) + "COMMIT\n");
  }

  /**
   * Delete lines for the rules of {@code iptables -S} output that map one of these host
   * addresses and ports (same protocol) for another container.
   */
  static String staleRules(String listing, Attachment a, List<PortMapping> list) {
    String own = "berth-" + a.containerId().substring(0, 12);
    StringBuilder out = new StringBuilder();
    for (String line : listing.split("\n")) {
      List<String> words = List.of(line.strip().split("\\s+"));
      if (words.size() < 2 || !words.get(0).equals("-A") || !words.get(1).equals(HOSTPORTS)
          || own.equals(after(words, "--comment"))) {
        continue;
      }
      String dest = after(words, "-d");
      dest = dest == null ? "" : dest.endsWith("/32") ? dest.substring(0, dest.length() - 3) : dest;
      for (PortMapping p : list) {
        String ip = p.hostIp().equals("0.0.0.0") ? "" : p.hostIp();
        if (p.protocol().equals(after(words, "-p")) && String.valueOf(p.hostPort()).equals(after(words, "--dport"))
            && ip.equals(dest)) {
          out.append("-D").append(line.strip().substring(2)).append('\n');
          break;
        }
      }
    }
    return out.toString();
  }

  private static String after(List<String> words, String flag) {
    int i = words.indexOf(flag);
    return i >= 0 && i + 1 < words.size() ? words.get(i + 1) : null;
  }

  /** Deletes them; quiet when they are gone (a restore is all or nothing, so rule by rule then). */
  void removePorts(Attachment a) {
    List<PortMapping> list = a.ports().stream().filter(PortMapping::dnat).toList();
    if (list.isEmpty()) {
      return;
    }
    try {
      restore("*nat\n" + portRules("-D", a, list) + "COMMIT\n");
    } catch (IOException e) {
      for (String rule : portRules("-D", a, list).split("\n")) {
        List<String> cmd = new ArrayList<>(List.of("iptables", "-w", "-t", "nat"));
        cmd.addAll(List.of(rule.split(" ")));
        iptables(cmd);
      }
    }
  }

  /** iptables-restore lines for the ports; -A and -D lines name the same rules, so a delete finds what an add made. */
  static String portRules(String verb, Attachment a, List<PortMapping> list) {
    StringBuilder out = new StringBuilder();
    for (PortMapping p : list) {
      out.append(verb).append(' ').append(HOSTPORTS).append(" -p ").append(p.protocol());
      if (!p.hostIp().isEmpty() && !p.hostIp().equals("0.0.0.0")) {
        out.append(" -d ").append(p.hostIp());
      }
      out.append(" -m ").append(p.protocol()).append(" --dport ").append(p.hostPort())
          .append(" -m comment --comment berth-").append(a.containerId(), 0, 12)
          .append(" -j DNAT --to-destination ").append(a.ipString()).append(':').append(p.containerPort())
          .append('\n');
    }
    return out.toString();
  }

  private synchronized void ensureHostports() throws IOException {
    if (hostportsReady) {
      return;
    }
    iptables(List.of("iptables", "-w", "-t", "nat", "-N", HOSTPORTS)); // fails when another engine made it
    for (String from : List.of("PREROUTING", "OUTPUT")) {
      List<String> jump = List.of("nat", from, "-m", "addrtype", "--dst-type", "LOCAL", "-j", HOSTPORTS);
      if (!iptables(verb("-C", jump)) && !iptables(verb("-A", jump))) {
        throw new IOException("cannot add the jump from " + from + " to " + HOSTPORTS);
      }
    }
    hostportsReady = true;
  }

  private static boolean iptables(List<String> cmd) {
    return Commands.run(cmd).ok();
  }

  private static void restore(String rules) throws IOException {
    PipedCommand.run(List.of("iptables-restore", "-w", "--noflush"), rules);
  }

  private static void writeSysctl(Path file) throws IOException {
    if (!"1".equals(Files.readString(file).strip())) {
      Files.writeString(file, "1");
      LOG.fine("set " + file + " to 1");
    }
  }
}
