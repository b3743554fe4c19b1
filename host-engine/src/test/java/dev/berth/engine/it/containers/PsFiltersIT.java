package dev.berth.engine.it.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.it.Cli;
import dev.berth.engine.it.TestEngine;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * `docker ps --filter` health, volume, network, publish, expose and is-task on one set of two
 * containers, and the errors for malformed filters (ContainerListInspectIT covers the others).
 */
class PsFiltersIT {

  private static Set<String> ps(TestEngine e, String... filters) {
    String[] args = new String[filters.length * 2 + 4];
    args[0] = "ps";
    args[1] = "-a";
    args[2] = "--format";
    args[3] = "{{.Names}}";
    for (int i = 0; i < filters.length; i++) {
      args[4 + 2 * i] = "--filter";
      args[5 + 2 * i] = filters[i];
    }
    String out = Ctr.ok(e, args).outTrim();
    return out.isEmpty() ? Set.of() : Set.of(out.split("\n"));
  }

  /** GET /containers/json with one filter: "<body> <status>". */
  private static Cli.Result raw(TestEngine e, String key, String value) {
    String filters = "{\"" + key + "\":[\"" + value + "\"]}";
    return Ctr.curl(e, "GET", "/containers/json?all=1&filters=" + URLEncoder.encode(filters, StandardCharsets.UTF_8), null);
  }

  private static int status(Cli.Result curl) {
    String out = curl.out();
    return Integer.parseInt(out.substring(out.lastIndexOf(' ') + 1).strip());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void filtersOnOneContainerSet(TestEngine e) {
    String tag = Ctr.name("pf");
    String net = Ctr.name("pfnet");
    String vol = Ctr.name("pfvol");
    String web = Ctr.name("pf-web");
    String idle = Ctr.name("pf-idle");
    String grp = "label=grp=" + tag;
    Ctr.ok(e, "network", "create", net);
    try {
      Ctr.runDetached(e, "--name", web, "--label", "grp=" + tag, "--network", net, "-p", "127.0.0.1::80",
          "--expose", "81", "-v", vol + ":/data", "--health-cmd", "true", "--health-interval", "1s",
          Ctr.image(e), "sleep", "300");
      // never started: no network endpoint, no health state
      Ctr.ok(e, "create", "--name", idle, "--label", "grp=" + tag, "--health-cmd", "true", Ctr.image(e), "true");
      Ctr.eventually("healthy", () -> Ctr.inspect(e, web, "{{.State.Health.Status}}").equals("healthy"));
      String hostPort = Ctr.inspect(e, web, "{{(index (index .NetworkSettings.Ports \"80/tcp\") 0).HostPort}}");
      String netId = Ctr.inspect(e, net, "{{.Id}}");

      assertEquals(Set.of(web), ps(e, grp, "health=healthy"));
      assertEquals(Set.of(idle), ps(e, grp, "health=none"));
      assertEquals(Set.of(), ps(e, grp, "health=unhealthy"));
      assertEquals(Set.of(web), ps(e, grp, "volume=" + vol));
      assertEquals(Set.of(web), ps(e, grp, "volume=/data"));
      assertEquals(Set.of(), ps(e, grp, "volume=/nowhere"));
      assertEquals(Set.of(web), ps(e, grp, "network=" + net));
      assertEquals(Set.of(web), ps(e, grp, "network=" + netId.substring(0, 12)));
      assertEquals(Set.of(), ps(e, grp, "network=no-such-network"));
      assertEquals(Set.of(web), ps(e, grp, "publish=" + hostPort));
      assertEquals(Set.of(), ps(e, grp, "publish=" + hostPort + "/udp"));
      assertEquals(Set.of(web), ps(e, grp, "expose=80"));
      assertEquals(Set.of(web), ps(e, grp, "expose=81/tcp"));
      assertEquals(Set.of(web), ps(e, grp, "expose=79-81"));
      assertEquals(Set.of(), ps(e, grp, "expose=82"));
      assertEquals(Set.of(web, idle), ps(e, grp, "is-task=false"));
      assertEquals(Set.of(), ps(e, grp, "is-task=true"));
      assertEquals(Set.of(web), ps(e, grp, "health=healthy", "network=" + net, "expose=80"), "filters combine");

      // malformed filters: an error with a message, never a listing
      for (String[] bad : new String[][] {
          {"colour", "red", "invalid filter 'colour'"},
          {"health", "sleepy", "Unrecognised filter value for health: sleepy"},
          {"status", "sleepy", "invalid filter 'status=sleepy'"},
          {"is-task", "maybe", "invalid filter 'is-task"}}) {
        Cli.Result r = raw(e, bad[0], bad[1]);
        assertEquals(400, status(r), r::toString);
        assertTrue(r.out().toLowerCase().contains("\"message\":\"" + bad[2].toLowerCase()), r::toString);
      }
      // dockerd 20.10 answers these two with 500 (plain errors); Berth with 400, the same message
      for (String[] bad : new String[][] {
          {"publish", "1:80", "filter for 'publish' should not contain ':'"},
          {"expose", "8o", "error while looking up for expose 8o"}}) {
        Cli.Result r = raw(e, bad[0], bad[1]);
        assertEquals(e.isBerth() ? 400 : 500, status(r), r::toString);
        assertTrue(r.out().contains("\"message\":\"" + bad[2]), r::toString);
      }
      Cli.Result cli = e.docker("ps", "--filter", "health=sleepy");
      assertEquals(1, cli.exit(), cli::toString);
      assertTrue(cli.err().contains("Unrecognised filter value for health"), cli::toString);
    } finally {
      e.docker("rm", "-f", "-v", web, idle);
      e.docker("network", "rm", net);
      e.docker("volume", "rm", vol);
    }
  }
}
