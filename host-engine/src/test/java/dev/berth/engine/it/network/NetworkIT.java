package dev.berth.engine.it.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.it.Cli;
import dev.berth.engine.it.TestEngine;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Networks, names, published ports and their clean release, with the real CLI on both engines. */
class NetworkIT {

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void userNetworkResolvesNamesAndAliases(TestEngine e) {
    String net = Net.name("net");
    String label = "it.net=" + net;
    String id = Net.ok(e, "network", "create", "--label", label, net).outTrim();
    assertTrue(id.matches("[0-9a-f]{64}"), id);
    String s1 = Net.name("s1");
    String s1Id = Net.ok(e, "run", "-d", "--name", s1, "--network", net, "--network-alias", "web-" + s1,
        Net.image(e), "sleep", "300").outTrim();
    // by name and by alias, from a second container on the network
    Net.ok(e, "run", "--rm", "--network", net, Net.image(e), "sh", "-c",
        "ping -c1 -W3 " + s1 + " && ping -c1 -W3 web-" + s1);
    // inspect: the network lists the running container, the container its network and address
    String ip = Net.inspect(e, s1, "{{(index .NetworkSettings.Networks \"" + net + "\").IPAddress}}");
    assertTrue(ip.matches("\\d+\\.\\d+\\.\\d+\\.\\d+"), ip);
    assertEquals(s1 + " " + ip + "/",
        Net.ok(e, "network", "inspect", "--format", "{{range .Containers}}{{.Name}} {{.IPv4Address}}{{end}}", net)
            .outTrim().replaceAll("\\d+$", ""));
    assertEquals(net, Net.ok(e, "network", "ls", "--filter", "label=" + label, "--format", "{{.Name}}").outTrim());
    if (e.isBerth()) {
      // a container on another network does not reach it (the reference dockerd runs with
      // --iptables=false here, which turns its isolation off)
      Cli.Result isolated = e.docker("run", "--rm", Net.image(e), "ping", "-c1", "-W1", ip);
      assertNotEquals(0, isolated.exit(), isolated::toString);
    }

    // connect a running container of the default bridge, with an alias; then disconnect it
    String c3 = Net.name("c3");
    Net.ok(e, "run", "-d", "--name", c3, Net.image(e), "sleep", "300");
    assertTrue(Net.inspect(e, c3, "{{.NetworkSettings.IPAddress}}").matches("\\d+\\.\\d+\\.\\d+\\.\\d+"));
    Net.ok(e, "network", "connect", "--alias", "other-" + c3, net, c3);
    Net.ok(e, "exec", s1, "ping", "-c1", "-W3", "other-" + c3);
    Net.ok(e, "network", "disconnect", net, c3);
    assertFalse(e.docker("exec", s1, "ping", "-c1", "-W1", "other-" + c3).ok());

    // in use: refused while s1 runs, with dockerd's words; then removed, leaving no bridge
    Net.fails(e, "has active endpoints", "network", "rm", net);
    Net.ok(e, "rm", "-f", s1, c3);
    Net.ok(e, "network", "rm", net);
    Net.assertNoBridge("br-" + id.substring(0, 12));
    Net.assertNothingLeft(e, s1Id, 1);
    assertEquals("", Net.ok(e, "network", "ls", "--filter", "label=" + label, "-q").outTrim());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void publishedPortAnswersAndIsReleasedOnStop(TestEngine e) {
    int port = Net.freePort();
    String n = Net.name("web");
    String id = Net.ok(e, "run", "-d", "--name", n, "-p", port + ":80", "--expose", "81", Net.image(e),
        "sh", "-c", Net.httpd("hello-" + n)).outTrim();
    assertEquals("hello-" + n, Net.get(port));
    assertTrue(Net.ok(e, "port", n, "80").outTrim().contains("0.0.0.0:" + port), () -> e.docker("port", n).toString());
    assertTrue(Net.ok(e, "ps", "--filter", "name=" + n, "--format", "{{.Ports}}").outTrim()
        .contains("0.0.0.0:" + port + "->80/tcp"));
    assertEquals(port + "", Net.inspect(e, n, "{{(index (index .NetworkSettings.Ports \"80/tcp\") 0).HostPort}}"));
    // from another container, through the host's side of the bridge
    String gateway = Net.inspect(e, n, "{{.NetworkSettings.Gateway}}");
    assertTrue(Net.ok(e, "run", "--rm", Net.image(e), "sh", "-c",
        "printf 'GET /index.html HTTP/1.0\\r\\n\\r\\n' | nc -w 5 " + gateway + " " + port).out().contains("hello-" + n));

    // -P publishes the EXPOSEd port on a free host port
    String p = Net.name("pub");
    Net.ok(e, "run", "-d", "--name", p, "-P", "--expose", "80", Net.image(e), "sh", "-c", Net.httpd("all-" + p));
    String mapped = Net.ok(e, "port", p, "80").outTrim().lines().findFirst().orElse("");
    int random = Integer.parseInt(mapped.substring(mapped.lastIndexOf(':') + 1));
    assertEquals("all-" + p, Net.get(random));

    // stop releases the ports at once
    Net.ok(e, "stop", "-t", "0", n, p);
    assertNull(Net.get(port));
    Net.assertNothingLeft(e, id, port);
    // and the container gets them again at its next start
    Net.ok(e, "start", n);
    assertEquals("hello-" + n, Net.get(port));
    Net.ok(e, "rm", "-f", n, p);
    Net.assertNothingLeft(e, id, port);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void badInputIsRefusedAndLeavesNothing(TestEngine e) throws IOException {
    // overlapping subnets
    String subnet = Net.randomSubnet();
    String a = Net.name("ova");
    String b = Net.name("ovb");
    Net.ok(e, "network", "create", "--subnet", subnet, a);
    Net.fails(e, "Pool overlaps with other one on this address space", "network", "create", "--subnet", subnet, b);
    assertFalse(e.docker("network", "inspect", b).ok());
    Net.ok(e, "network", "rm", a);

    // predefined networks stay; unknown ones are not found
    Net.fails(e, "bridge is a pre-defined network and cannot be removed", "network", "rm", "bridge");
    Net.fails(e, "network nope-" + a + " not found", "run", "--rm", "--network", "nope-" + a, Net.image(e), "true");

    // a host port already taken: a clear error at start, the container stays created, nothing held
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress("0.0.0.0", 0));
      int port = taken.getLocalPort();
      String n = Net.name("busy");
      Cli.Result r = Net.fails(e, "address already in use", "run", "-d", "--name", n, "-p", port + ":80", Net.image(e),
          "sleep", "300");
      assertEquals(125, r.exit(), r::toString);
      assertEquals("created", Net.inspect(e, n, "{{.State.Status}}"));
      String id = Net.inspect(e, n, "{{.Id}}");
      taken.close();
      Net.assertNothingLeft(e, id, port);
      Net.ok(e, "rm", n);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void networksSurviveAnEngineRestart(TestEngine e) {
    String net = Net.name("keep");
    String id = Net.ok(e, "network", "create", net).outTrim();
    int port = Net.freePort();
    String n = Net.name("gone");
    // exits while the engine is down: its endpoint and port must not outlive it
    String cid = Net.ok(e, "run", "-d", "--name", n, "--network", net, "-p", port + ":80", Net.image(e),
        "sleep", "2").outTrim();
    e.restart();
    Net.sleep(2500);
    Net.ok(e, "wait", n);
    assertEquals(id, Net.ok(e, "network", "inspect", "--format", "{{.Id}}", net).outTrim());
    Net.assertNothingLeft(e, cid, port);
    Net.ok(e, "start", n);
    Net.ok(e, "run", "--rm", "--network", net, Net.image(e), "ping", "-c1", "-W3", n);
    Net.ok(e, "rm", "-f", n);
    Net.ok(e, "network", "rm", net);
  }
}
