package dev.berth.engine.it.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.it.Cli;
import dev.berth.engine.it.TestEngine;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** `docker ps` with its filters and `docker inspect` with the fields clients read. */
class ContainerListInspectIT {

  private static Set<String> ps(TestEngine e, String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "ps";
    all[1] = "--format";
    all[2] = "{{.Names}}";
    System.arraycopy(args, 0, all, 3, args.length);
    String out = Ctr.ok(e, all).outTrim();
    return out.isEmpty() ? Set.of() : Set.of(out.split("\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void psFilters(TestEngine e) {
    String tag = Ctr.name("grp");
    String created = Ctr.name("ps-created");
    String running = Ctr.name("ps-running");
    String exited = Ctr.name("ps-exited");
    Ctr.ok(e, "create", "--name", created, "--label", "grp=" + tag, "--label", "kind=c", Ctr.image(e), "true");
    Ctr.runDetached(e, "--name", running, "--label", "grp=" + tag, Ctr.image(e), "sleep", "100");
    Ctr.runDetached(e, "--name", exited, "--label", "grp=" + tag, Ctr.image(e), "sh", "-c", "exit 3");
    Ctr.ok(e, "wait", exited);
    String lbl = "label=grp=" + tag;

    assertEquals(Set.of(running), ps(e, "--filter", lbl), "without -a only running containers");
    assertEquals(Set.of(created, running, exited), ps(e, "-a", "--filter", lbl));
    assertEquals(Set.of(created), ps(e, "-a", "--filter", lbl, "--filter", "status=created"));
    assertEquals(Set.of(exited), ps(e, "--filter", lbl, "--filter", "status=exited"), "a status filter implies -a");
    assertEquals(Set.of(exited), ps(e, "-a", "--filter", lbl, "--filter", "exited=3"));
    assertEquals(Set.of(), ps(e, "-a", "--filter", lbl, "--filter", "exited=4"));
    assertEquals(Set.of(created), ps(e, "-a", "--filter", lbl, "--filter", "label=kind=c"));
    assertEquals(Set.of(created), ps(e, "-a", "--filter", lbl, "--filter", "label=kind"));
    assertEquals(Set.of(running), ps(e, "-a", "--filter", "name=" + running));
    String runningId = Ctr.inspect(e, running, "{{.Id}}");
    assertEquals(Set.of(running), ps(e, "-a", "--filter", lbl, "--filter", "id=" + runningId.substring(0, 12)));
    assertEquals(Set.of(created, running, exited), ps(e, "-a", "--filter", lbl, "--filter", "ancestor=" + Ctr.image(e)));
    assertEquals(Set.of(created), ps(e, "-a", "--filter", lbl, "--filter", "before=" + running));
    assertEquals(Set.of(exited), ps(e, "-a", "--filter", lbl, "--filter", "since=" + running));
    assertEquals(1, ps(e, "-a", "-n", "1", "--filter", lbl).size());

    Cli.Result badStatus = e.docker("ps", "--filter", "status=sleepy");
    assertEquals(1, badStatus.exit(), badStatus::toString);
    assertTrue(badStatus.err().toLowerCase().contains("invalid filter"), badStatus::toString);
    Cli.Result badKey = e.docker("ps", "--filter", "colour=red");
    assertEquals(1, badKey.exit(), badKey::toString);

    String status = Ctr.ok(e, "ps", "-a", "--filter", "name=" + exited, "--format", "{{.Status}}").outTrim();
    assertTrue(status.startsWith("Exited (3) "), status);
    Ctr.ok(e, "rm", "-f", created, running, exited);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void inspectHasTheFieldsClientsRead(TestEngine e) {
    String n = Ctr.name("insp");
    String id =
        Ctr.runDetached(e, "--name", n, "-e", "X=1", "--label", "a=b", "-v", "/tmp:/hosttmp:ro", Ctr.image(e), "sleep", "100");
    JsonObject j = new JsonArray(Ctr.ok(e, "inspect", n).out()).getJsonObject(0);
    for (String key :
        List.of("Id", "Created", "Path", "Args", "State", "Image", "ResolvConfPath", "HostnamePath", "HostsPath",
            "LogPath", "Name", "RestartCount", "Driver", "Platform", "MountLabel", "ProcessLabel", "HostConfig",
            "GraphDriver", "Mounts", "Config", "NetworkSettings")) {
      assertTrue(j.containsKey(key), key + " missing in " + j.encodePrettily());
    }
    assertEquals(id, j.getString("Id"));
    assertEquals("/" + n, j.getString("Name"));
    assertEquals("sleep", j.getString("Path"));
    assertEquals(new JsonArray().add("100"), j.getJsonArray("Args"));
    assertTrue(j.getString("Image").startsWith("sha256:"));
    JsonObject state = j.getJsonObject("State");
    for (String key : List.of("Status", "Running", "Paused", "Restarting", "OOMKilled", "Dead", "Pid", "ExitCode", "Error", "StartedAt", "FinishedAt")) {
      assertTrue(state.containsKey(key), key);
    }
    assertEquals("running", state.getString("Status"));
    assertEquals("0001-01-01T00:00:00Z", state.getString("FinishedAt"));
    JsonObject config = j.getJsonObject("Config");
    assertEquals(id.substring(0, 12), config.getString("Hostname"));
    assertEquals(Ctr.image(e), config.getString("Image"));
    assertTrue(config.getJsonArray("Env").contains("X=1"));
    assertTrue(config.getJsonArray("Env").stream().anyMatch(v -> v.toString().startsWith("PATH=")));
    assertEquals("b", config.getJsonObject("Labels").getString("a"));
    assertEquals(new JsonArray().add("sleep").add("100"), config.getJsonArray("Cmd"));
    JsonObject host = j.getJsonObject("HostConfig");
    assertEquals(new JsonArray().add("/tmp:/hosttmp:ro"), host.getJsonArray("Binds"));
    assertFalse(host.getBoolean("AutoRemove"));
    JsonObject mount = j.getJsonArray("Mounts").getJsonObject(0);
    assertEquals("bind", mount.getString("Type"));
    assertEquals("/tmp", mount.getString("Source"));
    assertEquals("/hosttmp", mount.getString("Destination"));
    assertFalse(mount.getBoolean("RW"));
    assertTrue(j.getJsonObject("NetworkSettings").containsKey("Networks"));
    assertTrue(j.getInteger("RestartCount") == 0);
    Ctr.ok(e, "rm", "-f", n);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void referencesResolveLikeDockerd(TestEngine e) {
    String n = Ctr.name("ref");
    String id = Ctr.ok(e, "create", "--name", n, Ctr.image(e), "true").outTrim();
    assertEquals(id, Ctr.inspect(e, id.substring(0, 12), "{{.Id}}"));
    assertEquals(id, Ctr.inspect(e, id, "{{.Id}}"));
    assertEquals(id, Ctr.inspect(e, n, "{{.Id}}"));
    Cli.Result missing = Ctr.curl(e, "GET", "/containers/nope-" + n + "/json", null);
    assertTrue(missing.out().endsWith(" 404"), missing::toString);
    assertTrue(missing.out().contains("No such container: nope-" + n), missing::toString);
    Ctr.ok(e, "rm", n);
  }
}
