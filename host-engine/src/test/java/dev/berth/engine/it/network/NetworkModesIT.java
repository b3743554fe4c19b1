package dev.berth.engine.it.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.it.Cli;
import dev.berth.engine.it.TestEngine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Network modes container:/none/host, internal networks, prune and filters, with the real CLI. */
class NetworkModesIT {

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void containerModeSharesTheNetworkNamespace(TestEngine e) {
    String net = Net.name("share");
    Net.ok(e, "network", "create", "--internal", net);
    assertEquals("true", Net.ok(e, "network", "inspect", "--format", "{{.Internal}}", net).outTrim());
    String a = Net.name("a");
    Net.ok(e, "run", "-d", "--name", a, "--network", net, Net.image(e), "sleep", "300");
    String ip = Net.inspect(e, a, "{{(index .NetworkSettings.Networks \"" + net + "\").IPAddress}}");
    String hostname = Net.inspect(e, a, "{{.Config.Hostname}}");
    // the joiner sees a's interfaces, address and hostname
    String seen = Net.ok(e, "run", "--rm", "--network", "container:" + a, Net.image(e), "sh", "-c",
        "hostname; ip -4 addr show eth0").out();
    assertTrue(seen.startsWith(hostname + "\n"), seen);
    assertTrue(seen.contains("inet " + ip + "/"), seen);
    Net.fails(e, "conflicting options: port publishing and the container type network mode",
        "run", "--rm", "--network", "container:" + a, "-p", "80", Net.image(e), "true");
    Net.ok(e, "stop", "-t", "0", a);
    Cli.Result dead = Net.fails(e, "cannot join network of a non running container",
        "run", "--rm", "--network", "container:" + a, Net.image(e), "true");
    assertEquals(125, dead.exit(), dead::toString);
    Net.ok(e, "rm", a);

    // none and host are listed as the container's network
    String n = Net.name("none");
    Net.ok(e, "create", "--name", n, "--network", "none", Net.image(e), "true");
    assertEquals("none", Net.inspect(e, n, "{{range $k, $v := .NetworkSettings.Networks}}{{$k}}{{end}}"));
    String h = Net.name("host");
    Net.ok(e, "create", "--name", h, "--network", "host", Net.image(e), "true");
    assertEquals("host", Net.inspect(e, h, "{{range $k, $v := .NetworkSettings.Networks}}{{$k}}{{end}}"));
    Net.ok(e, "rm", n, h);
    Net.ok(e, "network", "rm", net);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void pruneRemovesUnusedNetworksOnly(TestEngine e) {
    String label = "it.prune=" + Net.name("l");
    String unused = Net.name("unused");
    String used = Net.name("used");
    Net.ok(e, "network", "create", "--label", label, unused);
    Net.ok(e, "network", "create", "--label", label, used);
    String c = Net.name("c");
    Net.ok(e, "run", "-d", "--name", c, "--network", used, Net.image(e), "sleep", "300");
    // (no dangling=true check: dockerd 20.10 lists every user network as dangling while in use)
    assertEquals(2, Net.ok(e, "network", "ls", "--filter", "label=" + label, "-q").outTrim().lines().count());
    String out = Net.ok(e, "network", "prune", "-f", "--filter", "label=" + label).out();
    assertTrue(out.contains(unused) && !out.contains(used), out);
    assertFalse(e.docker("network", "inspect", unused).ok());
    assertTrue(e.docker("network", "inspect", used).ok());
    // builtin networks are never pruned and are typed so
    assertTrue(Net.ok(e, "network", "ls", "--filter", "type=builtin", "--format", "{{.Name}}").out().contains("bridge"));
    Net.ok(e, "rm", "-f", c);
    Net.ok(e, "network", "rm", used);
  }
}
