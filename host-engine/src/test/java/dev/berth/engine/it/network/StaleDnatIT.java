package dev.berth.engine.it.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.berth.engine.it.Cli;
import dev.berth.engine.it.Engines;
import dev.berth.engine.it.TestEngine;
import org.junit.jupiter.api.Test;

/**
 * Berth's published ports are DNAT rules in a chain every Berth engine on the host shares, and
 * the first matching rule wins. A rule a crash left for the same port (the engine could not
 * remove it) must not send a new container's port into the void: publishing removes it.
 */
class StaleDnatIT {

  @Test
  void aStaleRuleForThePortIsReplacedWhenTheContainerPublishesIt() {
    TestEngine e = Engines.berth();
    int port = Net.freePort();
    String n = Net.name("stale");
    // what a crashed engine's container could leave: the port mapped to an address nobody has
    Cli.run("iptables", "-w", "-t", "nat", "-N", "BERTH-HOSTPORTS"); // fails when an engine made it
    String rule = "BERTH-HOSTPORTS -p tcp -m tcp --dport " + port
        + " -m comment --comment berth-000000000000 -j DNAT --to-destination 10.255.255.1:80";
    Cli.must(("iptables -w -t nat -A " + rule).split(" "));
    try {
      Net.ok(e, "run", "-d", "--name", n, "-p", port + ":80", Net.image(e), "sh", "-c", Net.httpd("fresh-" + n));
      assertEquals("fresh-" + n, Net.get(port));
      assertFalse(Cli.must("iptables-save", "-t", "nat").out().contains("berth-000000000000"), "the stale rule is gone");
    } finally {
      Cli.run(("iptables -w -t nat -D " + rule).split(" "));
      e.docker("rm", "-f", n);
    }
  }
}
