package dev.berth.engine.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The names and rule lines that the lean bridge backend and its firewall give the kernel. */
class FirewallRulesTest {

  private static final String ID = "4c4b98b5ddd6" + "a".repeat(52);

  private static Attachment attachment(List<PortMapping> ports) {
    Network n = new Network("8b88b98af645" + "b".repeat(52), "bridge", "bridge", 0, Cidr.parse("10.88.177.0/24"),
        Cidr.parseIp("10.88.177.1", ""), false, false, new JsonObject(), new JsonObject(), "berth0", false);
    int ip = Cidr.parseIp("10.88.177.4", "");
    return new Attachment(ID, "web", n, "eth0", ip, Attachment.macFor(ip), List.of(), ports);
  }

  @Test
  void portRulesAddAndDeleteTheSameRules() {
    Attachment a = attachment(List.of(
        new PortMapping("127.0.0.1", 8080, 80, "tcp", true),
        new PortMapping("", 5353, 53, "udp", true),
        new PortMapping("", 9000, 90, "tcp", false)));
    String add = Firewall.portRules("-A", a, a.ports().stream().filter(PortMapping::dnat).toList());
    assertEquals(
        "-A BERTH-HOSTPORTS -p tcp -d 127.0.0.1 -m tcp --dport 8080 -m comment --comment berth-4c4b98b5ddd6"
            + " -j DNAT --to-destination 10.88.177.4:80\n"
            + "-A BERTH-HOSTPORTS -p udp -m udp --dport 5353 -m comment --comment berth-4c4b98b5ddd6"
            + " -j DNAT --to-destination 10.88.177.4:53\n",
        add);
    String del = Firewall.portRules("-D", a, a.ports().stream().filter(PortMapping::dnat).toList());
    assertEquals(add.replace("-A ", "-D "), del);
    // the leak checks of the tests look for the full container id: rules carry only its prefix
    assertFalse(add.contains(ID));
  }

  @Test
  void staleRulesForTheSameAddressAndPortAreFoundInIptablesListings() {
    Attachment a = attachment(List.of(new PortMapping("127.0.0.1", 8080, 80, "tcp", true),
        new PortMapping("", 5353, 53, "udp", true)));
    String listing = String.join("\n",
        "-N BERTH-HOSTPORTS",
        // stale: same address, port and protocol, another container
        "-A BERTH-HOSTPORTS -d 127.0.0.1/32 -p tcp -m tcp --dport 8080 -m comment --comment berth-0123456789ab"
            + " -j DNAT --to-destination 10.88.1.9:80",
        "-A BERTH-HOSTPORTS -p udp -m udp --dport 5353 -m comment --comment berth-0123456789ab"
            + " -j DNAT --to-destination 10.88.1.9:53",
        // kept: another address, another protocol, another port, and this container's own rule
        "-A BERTH-HOSTPORTS -d 10.0.0.5/32 -p tcp -m tcp --dport 8080 -m comment --comment berth-aaaaaaaaaaaa"
            + " -j DNAT --to-destination 10.88.1.7:80",
        "-A BERTH-HOSTPORTS -p udp -m udp --dport 8080 -m comment --comment berth-bbbbbbbbbbbb"
            + " -j DNAT --to-destination 10.88.1.8:80",
        "-A BERTH-HOSTPORTS -p tcp -m tcp --dport 80800 -m comment --comment berth-bbbbbbbbbbbb"
            + " -j DNAT --to-destination 10.88.1.8:80",
        "-A BERTH-HOSTPORTS -d 127.0.0.1/32 -p tcp -m tcp --dport 8080 -m comment --comment berth-4c4b98b5ddd6"
            + " -j DNAT --to-destination 10.88.177.4:80");
    assertEquals(
        "-D BERTH-HOSTPORTS -d 127.0.0.1/32 -p tcp -m tcp --dport 8080 -m comment --comment berth-0123456789ab"
            + " -j DNAT --to-destination 10.88.1.9:80\n"
            + "-D BERTH-HOSTPORTS -p udp -m udp --dport 5353 -m comment --comment berth-0123456789ab"
            + " -j DNAT --to-destination 10.88.1.9:53\n",
        Firewall.staleRules(listing, a, a.ports()));
    assertEquals("", Firewall.staleRules("-N BERTH-HOSTPORTS\n", a, a.ports()));
  }

  @Test
  void namesFitTheKernelsLimits() {
    Attachment a = attachment(List.of());
    assertEquals("vb4c4b98b5dd0", IprouteBackend.hostEnd(a));
    assertTrue(IprouteBackend.hostEnd(a).length() <= 15, "interface names have at most 15 characters");
    assertEquals("BERTH-8b88b98af645", Firewall.chain(a.network()));
    assertTrue(Firewall.chain(a.network()).length() <= 28, "iptables chain names have at most 28 characters");
  }
}
