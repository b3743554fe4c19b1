package dev.berth.gateway.hosts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.gateway.TestGateway.Answer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Containers, images, networks and volumes through the gateway, checked on the engine. */
class ResourcesIT {

  private static HostsFixture fx;

  @BeforeAll
  static void setUp() throws Exception {
    fx = HostsFixture.get();
  }

  private static String h(String rest) {
    return "/api/hosts/local" + rest;
  }

  private static JsonArray items(Answer a) {
    assertEquals(200, a.status(), a.body());
    return a.json().getJsonArray("items");
  }

  @Test
  void containerListFiltersSortsAndPages() throws Exception {
    for (String n : List.of("ls-b", "ls-a", "ls-c")) {
      fx.engine.docker("create", "--name", n, "--label", "suite=ls", "busybox", "sleep", "1000");
    }
    fx.engine.docker("start", "ls-c");
    JsonObject all = fx.gw.get(h("/containers?all=1&label=suite=ls&sort=name&limit=2"), fx.admin).json();
    assertEquals(3, all.getInteger("total"));
    assertEquals("ls-a", all.getJsonArray("items").getJsonObject(0).getString("name"));
    assertEquals("ls-b", all.getJsonArray("items").getJsonObject(1).getString("name"));
    JsonObject second = fx.gw.get(h("/containers?all=1&label=suite=ls&sort=-name&offset=2"), fx.admin).json();
    assertEquals("ls-a", second.getJsonArray("items").getJsonObject(0).getString("name"));
    JsonArray running = items(fx.gw.get(h("/containers?label=suite=ls"), fx.admin));
    assertEquals(1, running.size());
    assertEquals("running", running.getJsonObject(0).getString("state"));
    assertEquals(1, items(fx.gw.get(h("/containers?all=true&status=created&name=ls-a"), fx.admin)).size());
    assertEquals(400, fx.gw.get(h("/containers?limit=0"), fx.admin).status());
  }

  @Test
  void createFromCompactSpecAndLifecycle() throws Exception {
    JsonObject spec = new JsonObject("""
        {"name": "rs-web", "image": "busybox", "cmd": ["sh", "-c", "echo hello; echo oops >&2; sleep 1000"],
         "env": {"MODE": "test"}, "labels": {"suite": "rs"}, "restartPolicy": "on-failure:2",
         "ports": [{"container": 8080}], "volumes": [{"source": "rs-data", "target": "/data"}]}""");
    Answer created = fx.gw.post(h("/containers"), spec, fx.admin);
    assertEquals(201, created.status(), created.body());
    String id = created.json().getString("id");
    assertEquals("[MODE=test PATH=/bin]", fx.engine.docker("inspect", "-f", "{{.Config.Env}}", id));
    assertEquals("on-failure 2", fx.engine.docker("inspect", "-f",
        "{{.HostConfig.RestartPolicy.Name}} {{.HostConfig.RestartPolicy.MaximumRetryCount}}", id));
    assertEquals("rs-data /data", fx.engine.docker("inspect", "-f", "{{range .Mounts}}{{.Name}} {{.Destination}}{{end}}", id));
    assertEquals(409, fx.gw.post(h("/containers"), spec, fx.admin).status(), "same name twice");

    assertEquals(204, fx.gw.call("POST", h("/containers/rs-web/start"), null, fx.admin).status());
    assertEquals(204, fx.gw.call("POST", h("/containers/rs-web/start"), null, fx.admin).status(), "already started");
    assertEquals(204, fx.gw.call("POST", h("/containers/rs-web/pause"), null, fx.admin).status());
    assertEquals("paused", fx.engine.docker("inspect", "-f", "{{.State.Status}}", id));
    Answer pausedAgain = fx.gw.call("POST", h("/containers/rs-web/pause"), null, fx.admin);
    assertEquals(409, pausedAgain.status());
    assertEquals("conflict", pausedAgain.json().getString("code"));
    assertEquals(204, fx.gw.call("POST", h("/containers/rs-web/unpause"), null, fx.admin).status());
    assertEquals(204, fx.gw.call("POST", h("/containers/rs-web/restart?t=1"), null, fx.admin).status());
    assertEquals(400, fx.gw.call("POST", h("/containers/rs-web/kill?signal=x;rm"), null, fx.admin).status());
    assertEquals(204, fx.gw.call("POST", h("/containers/rs-web/kill?signal=SIGKILL"), null, fx.admin).status());
    assertEquals("exited", fx.engine.docker("inspect", "-f", "{{.State.Status}}", id));

    JsonObject inspect = fx.gw.get(h("/containers/rs-web"), fx.admin).json();
    assertEquals(id, inspect.getString("Id"));
    Answer missing = fx.gw.get(h("/containers/rs-nope"), fx.admin);
    assertEquals(404, missing.status());
    assertEquals("not_found", missing.json().getString("code"));
    assertTrue(missing.json().getString("message").contains("rs-nope"), missing.body());
    assertEquals(400, fx.gw.get(h("/containers/..%2Fimages"), fx.admin).status());

    assertEquals(204, fx.gw.call("DELETE", h("/containers/rs-web"), null, fx.admin).status());
    assertFalse(fx.engine.tryDocker("inspect", id).exitCode() == 0);
  }

  @Test
  void logsAreSplitIntoStdoutAndStderrLines() throws Exception {
    String id = fx.engine.docker("run", "-d", "--name", "rs-logs", "busybox", "sh", "-c",
        "echo one; echo two >&2; sleep 0.3; echo three; sleep 1000");
    awaitLogLines("rs-logs", 3);
    JsonArray lines = items(fx.gw.get(h("/containers/rs-logs/logs"), fx.admin));
    assertTrue(lines.contains(new JsonObject().put("stream", "stdout").put("line", "one")), lines.encode());
    assertTrue(lines.contains(new JsonObject().put("stream", "stderr").put("line", "two")), lines.encode());
    assertTrue(lines.contains(new JsonObject().put("stream", "stdout").put("line", "three")), lines.encode());
    JsonArray errOnly = items(fx.gw.get(h("/containers/rs-logs/logs?stdout=false"), fx.admin));
    assertEquals(new JsonArray().add(new JsonObject().put("stream", "stderr").put("line", "two")), errOnly);
    Answer text = fx.gw.get(h("/containers/rs-logs/logs?tail=1&format=text&stderr=0"), fx.admin);
    assertEquals("three\n", text.body());
    assertEquals(0, items(fx.gw.get(h("/containers/rs-logs/logs?since=" + (System.currentTimeMillis() / 1000 + 60)),
        fx.admin)).size());
    assertEquals(400, fx.gw.get(h("/containers/rs-logs/logs?tail=-5"), fx.admin).status());
    fx.engine.docker("rm", "-f", id);
  }

  private static void awaitLogLines(String name, int n) throws Exception {
    for (int i = 0; i < 50; i++) {
      if (fx.engine.tryDocker("logs", name).output().split("\n").length >= n) {
        return;
      }
      Thread.sleep(100);
    }
  }

  @Test
  void imagesPullTagInspectRemovePrune() throws Exception {
    String image = fx.registryImage();
    Answer pull = fx.gw.post(h("/images/pull"), new JsonObject().put("image", image).put("tag", "latest"), fx.admin);
    assertEquals(200, pull.status(), pull.body());
    assertEquals("application/x-ndjson", pull.header("Content-Type"));
    String[] lines = pull.body().trim().split("\n");
    for (String line : lines) {
      new JsonObject(line);
    }
    assertTrue(pull.body().contains("Status: "), pull.body());
    assertEquals(0, fx.engine.tryDocker("image", "inspect", image + ":latest").exitCode());
    Answer badPull = fx.gw.post(h("/images/pull"), new JsonObject().put("image", "127.0.0.1:1/none"), fx.admin);
    assertTrue(badPull.status() == 502 || badPull.body().contains("\"error\""), badPull.status() + " " + badPull.body());

    JsonArray list = items(fx.gw.get(h("/images"), fx.admin));
    assertTrue(list.stream().anyMatch(o -> ((JsonObject) o).getJsonArray("repoTags").contains("busybox:latest")));
    String encoded = image.replace("/", "%2F") + ":latest";
    assertEquals(200, fx.gw.get(h("/images/" + encoded), fx.admin).status());
    Answer tag = fx.gw.post(h("/images/busybox:latest/tag"), new JsonObject().put("repo", "rs-tagged").put("tag", "v2"),
        fx.admin);
    assertEquals(201, tag.status(), tag.body());
    assertEquals("rs-tagged:v2", tag.json().getString("image"));
    Answer removed = fx.gw.call("DELETE", h("/images/rs-tagged:v2"), null, fx.admin);
    assertEquals(200, removed.status(), removed.body());
    assertEquals(new JsonArray().add("rs-tagged:v2"), removed.json().getJsonArray("untagged"));
    assertEquals(404, fx.gw.call("DELETE", h("/images/rs-tagged:v2"), null, fx.admin).status());
    Answer prune = fx.gw.call("POST", h("/images/prune"), null, fx.admin);
    assertEquals(200, prune.status(), prune.body());
    assertTrue(prune.json().containsKey("spaceReclaimed"));
  }

  @Test
  void networksCreateConnectDisconnectRemove() throws Exception {
    Answer created = fx.gw.post(h("/networks"), new JsonObject().put("name", "rs-net").put("internal", true).put("subnet", "10.234.1.0/24")
        .put("labels", new JsonObject().put("suite", "rs")), fx.admin);
    assertEquals(201, created.status(), created.body());
    JsonObject net = items(fx.gw.get(h("/networks"), fx.admin)).stream().map(o -> (JsonObject) o)
        .filter(n -> n.getString("name").equals("rs-net")).findFirst().orElseThrow();
    assertTrue(net.getBoolean("internal"));
    assertEquals("rs", net.getJsonObject("labels").getString("suite"));
    fx.engine.docker("create", "--name", "rs-net-c", "busybox", "sleep", "1000");
    assertEquals(204, fx.gw.post(h("/networks/rs-net/connect"), new JsonObject().put("container", "rs-net-c")
        .put("aliases", new JsonArray().add("db")), fx.admin).status());
    assertTrue(fx.engine.docker("inspect", "-f", "{{json .NetworkSettings.Networks}}", "rs-net-c").contains("rs-net"));
    assertEquals(204, fx.gw.post(h("/networks/rs-net/disconnect"), new JsonObject().put("container", "rs-net-c"),
        fx.admin).status());
    assertFalse(fx.engine.docker("inspect", "-f", "{{json .NetworkSettings.Networks}}", "rs-net-c").contains("rs-net"));
    assertEquals(204, fx.gw.call("DELETE", h("/networks/rs-net"), null, fx.admin).status());
    assertEquals(404, fx.gw.call("DELETE", h("/networks/rs-net"), null, fx.admin).status());
    assertEquals(400, fx.gw.post(h("/networks"), new JsonObject().put("name", "x").put("ipv6", true), fx.admin).status());
  }

  @Test
  void volumesCreateListRemove() throws Exception {
    Answer created = fx.gw.post(h("/volumes"), new JsonObject().put("name", "rs-vol")
        .put("labels", new JsonObject().put("suite", "rs")), fx.admin);
    assertEquals(201, created.status(), created.body());
    assertEquals("rs-vol", created.json().getString("name"));
    assertEquals("local", created.json().getString("driver"));
    assertTrue(items(fx.gw.get(h("/volumes"), fx.admin)).stream()
        .anyMatch(o -> ((JsonObject) o).getString("name").equals("rs-vol")));
    fx.engine.docker("create", "--name", "rs-vol-c", "-v", "rs-vol:/v", "busybox");
    Answer inUse = fx.gw.call("DELETE", h("/volumes/rs-vol"), null, fx.admin);
    assertEquals(409, inUse.status(), inUse.body());
    fx.engine.docker("rm", "rs-vol-c");
    assertEquals(204, fx.gw.call("DELETE", h("/volumes/rs-vol"), null, fx.admin).status());
    assertFalse(fx.engine.tryDocker("volume", "inspect", "rs-vol").exitCode() == 0);
  }
}
