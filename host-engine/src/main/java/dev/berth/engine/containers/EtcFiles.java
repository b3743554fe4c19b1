package dev.berth.engine.containers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-container /etc/hostname, /etc/hosts and /etc/resolv.conf that dockerd writes beside
 * the container and bind-mounts into it. With the host network, hosts and resolv.conf are the
 * host's own; otherwise resolv.conf drops loopback name servers, which cannot work from a
 * separate network namespace, falling back to Google's as dockerd does.
 */
public final class EtcFiles {

  private static final String HOSTS =
      "127.0.0.1\tlocalhost\n"
          + "::1\tlocalhost ip6-localhost ip6-loopback\n"
          + "fe00::0\tip6-localnet\n"
          + "ff00::0\tip6-mcastprefix\n"
          + "ff02::1\tip6-allnodes\n"
          + "ff02::2\tip6-allrouters\n";

  private EtcFiles() {}

  static void write(Container c, String hostname, boolean hostNetwork) throws IOException {
    Files.writeString(c.hostnamePath(), hostname + "\n");
    Files.writeString(c.hostsPath(), hostNetwork ? readHost("/etc/hosts", HOSTS) : HOSTS);
    String resolv = readHost("/etc/resolv.conf", "");
    Files.writeString(c.resolvConfPath(), hostNetwork ? resolv : containerResolvConf(resolv));
  }

  /**
   * At each start on a network: /etc/hosts names the container's own address, and on networks
   * with DNS, resolv.conf points at their resolvers (keeping the host's search and options).
   */
  public static void writeNetworked(Container c, String ip, List<String> nameservers) throws IOException {
    String hostname = c.config().getString("Hostname", c.id().substring(0, 12));
    String domain = c.config().getString("Domainname", "");
    String names = domain.isEmpty() ? hostname : hostname + "." + domain + " " + hostname;
    Files.writeString(c.hostsPath(), HOSTS + ip + "\t" + names + "\n");
    String host = readHost("/etc/resolv.conf", "");
    if (nameservers.isEmpty()) {
      Files.writeString(c.resolvConfPath(), containerResolvConf(host));
      return;
    }
    List<String> out = new ArrayList<>();
    for (String line : host.split("\n")) {
      String s = line.strip();
      if (s.startsWith("search") || s.startsWith("domain")) {
        out.add(s);
      }
    }
    nameservers.forEach(ns -> out.add("nameserver " + ns));
    out.add("options ndots:0");
    Files.writeString(c.resolvConfPath(), String.join("\n", out) + "\n");
  }

  static String containerResolvConf(String host) {
    List<String> out = new ArrayList<>();
    boolean hasNameserver = false;
    for (String line : host.split("\n")) {
      String s = line.strip();
      if (s.startsWith("nameserver")) {
        String addr = s.substring("nameserver".length()).strip();
        if (addr.startsWith("127.") || addr.equals("::1")) {
          continue;
        }
        hasNameserver = true;
      }
      if (!s.isEmpty()) {
        out.add(line);
      }
    }
    if (!hasNameserver) {
      out.add("nameserver 8.8.8.8");
      out.add("nameserver 8.8.4.4");
    }
    return String.join("\n", out) + "\n";
  }

  private static String readHost(String path, String fallback) {
    try {
      return Files.readString(Path.of(path));
    } catch (IOException e) {
      return fallback;
    }
  }
}
