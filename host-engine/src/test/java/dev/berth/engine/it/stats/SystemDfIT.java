package dev.berth.engine.it.stats;

import static dev.berth.engine.it.robustness.Checks.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.it.Cli;
import dev.berth.engine.it.TestEngine;
import dev.berth.engine.it.TestImages;
import dev.berth.engine.it.robustness.Checks;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** `docker system df` (and its API) and `docker container prune` filters. */
class SystemDfIT {

  private static JsonObject find(JsonArray items, String key, String value) {
    for (int i = 0; i < items.size(); i++) {
      JsonObject o = items.getJsonObject(i);
      Object v = o.getValue(key);
      if (v != null && (v.equals(value) || v.toString().contains("\"" + value + "\""))) {
        return o;
      }
    }
    throw new AssertionError("no " + key + "=" + value + " in " + items.encodePrettily());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void systemDfCountsWhatIsOnDisk(TestEngine e) {
    String img = TestImages.busybox(e);
    String writer = Checks.unique("writer");
    String vol = Checks.unique("vol");
    ok(e, "run", "--name", writer, "-v", vol + ":/data", img, "sh", "-c",
        "dd if=/dev/zero of=/big bs=1024 count=200 2>/dev/null; echo hello > /data/f");

    Cli.Result cli = ok(e, "system", "df", "--format", "{{.Type}}|{{.TotalCount}}");
    assertTrue(cli.out().contains("Images|") && cli.out().contains("Containers|")
        && cli.out().contains("Local Volumes|") && cli.out().contains("Build Cache|"), cli::toString);
    Cli.Result verbose = ok(e, "system", "df", "-v");
    assertTrue(verbose.out().contains(writer) && verbose.out().contains(vol), verbose::toString);

    Cli.Result api = Cli.run("curl", "-sf", "--unix-socket", e.socket().toString(), "http://x/system/df");
    assertTrue(api.ok(), api::toString);
    JsonObject df = new JsonObject(api.out());
    assertTrue(df.getLong("LayersSize") > 0, api.out());
    JsonObject image = find(df.getJsonArray("Images"), "RepoTags", img);
    assertTrue(image.getLong("Size") > 0 && image.getInteger("Containers") >= 1, image::encode);
    JsonObject container = find(df.getJsonArray("Containers"), "Names", "/" + writer);
    assertTrue(container.getLong("SizeRw") >= 200 * 1024, container::encode);
    assertTrue(container.getLong("SizeRootFs") > container.getLong("SizeRw"), container::encode);
    JsonObject volume = find(df.getJsonArray("Volumes"), "Name", vol);
    assertEquals(1, volume.getJsonObject("UsageData").getInteger("RefCount"), volume::encode);
    assertEquals(6, volume.getJsonObject("UsageData").getLong("Size"), volume::encode);
    assertTrue(df.containsKey("BuildCache"), api.out()); // [] here, null on dockerd 20.10

    ok(e, "rm", writer);
    ok(e, "volume", "rm", vol);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void pruneHonoursLabelAndUntilFilters(TestEngine e) {
    String img = TestImages.busybox(e);
    String labelled = Checks.unique("labelled");
    String other = Checks.unique("other");
    String running = Checks.unique("running");
    ok(e, "create", "--name", labelled, "--label", "prune-me=yes", img, "true");
    ok(e, "create", "--name", other, img, "true");
    ok(e, "run", "-d", "--name", running, "--label", "prune-me=yes", img, "sleep", "1000");
    // created just now: older than nothing, so "until=1h" keeps everything
    ok(e, "container", "prune", "-f", "--filter", "until=1h");
    assertTrue(e.docker("inspect", labelled).ok() && e.docker("inspect", other).ok());
    String labelledId = Checks.inspect(e, labelled, "{{.Id}}");
    Cli.Result pruned = ok(e, "container", "prune", "-f", "--filter", "label=prune-me=yes");
    assertTrue(pruned.out().contains(labelledId), pruned::toString);
    assertFalse(e.docker("inspect", labelled).ok(), "the labelled stopped container is pruned");
    assertTrue(e.docker("inspect", other).ok(), "an unlabelled one stays");
    assertTrue(e.docker("inspect", running).ok(), "a running one stays");
    assertFalse(e.docker("container", "prune", "-f", "--filter", "color=red").ok(), "unknown filter refused");
    ok(e, "rm", "-f", other, running);
  }
}
