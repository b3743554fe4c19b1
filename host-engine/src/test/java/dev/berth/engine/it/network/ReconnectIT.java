package dev.berth.engine.it.network;

import static dev.berth.engine.it.robustness.Checks.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.it.TestEngine;
import dev.berth.engine.it.TestImages;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A created container disconnected from its only network has none, and can be connected again
 * (docker-compose does this to every container it creates on a user network).
 */
class ReconnectIT {

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void aCreatedContainerLeavesItsOnlyNetworkAndJoinsAgain(TestEngine e) {
    String img = TestImages.busybox(e);
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String net = "rn-" + suffix;
    String c = "rc-" + suffix;
    ok(e, "network", "create", net);
    try {
      ok(e, "create", "--name", c, "--network", net, "--network-alias", "first", img, "sleep", "100");
      ok(e, "network", "disconnect", net, c);
      assertEquals("{}", ok(e, "inspect", "-f", "{{json .NetworkSettings.Networks}}", c).outTrim());
      ok(e, "network", "connect", "--alias", "again", net, c);
      ok(e, "start", c);
      String aliases = ok(e, "inspect", "-f", "{{json (index .NetworkSettings.Networks \"" + net + "\").Aliases}}", c).outTrim();
      assertTrue(aliases.contains("\"again\"") && !aliases.contains("\"first\""), aliases);
      assertTrue(ok(e, "exec", c, "ip", "-4", "-o", "addr").outTrim().contains("eth0"), "the network is plumbed at start");
    } finally {
      e.docker("rm", "-f", c);
      e.docker("network", "rm", net);
    }
  }
}
