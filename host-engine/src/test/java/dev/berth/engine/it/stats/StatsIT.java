package dev.berth.engine.it.stats;

import static dev.berth.engine.it.robustness.Checks.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.it.Cli;
import dev.berth.engine.it.TestEngine;
import dev.berth.engine.it.TestImages;
import dev.berth.engine.it.robustness.Checks;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** docker stats and the stats API in Docker's shape: CPU %, memory usage/limit, PIDs, block I/O. */
class StatsIT {

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void statsShowWhatTheContainerUses(TestEngine e) {
    String img = TestImages.busybox(e);
    String busy = Checks.unique("busy");
    String idle = Checks.unique("idle");
    // a busy loop capped at half a CPU, which also holds ~8 MB of memory and wrote a file
    ok(e, "run", "-d", "--name", busy, "--memory", "64m", "--cpus", "0.5", img, "sh", "-c",
        "dd if=/dev/zero of=/tmp/f bs=1M count=8 2>/dev/null; sync; x=$(head -c 8000000 /dev/zero | tr '\\\\0' a); while true; do :; done");
    ok(e, "run", "-d", "--name", idle, img, "sleep", "1000");
    Checks.sleep(2000);

    Cli.Result r = ok(e, "stats", "--no-stream", "--format", "{{.Name}}|{{.CPUPerc}}|{{.MemUsage}}|{{.PIDs}}|{{.BlockIO}}|{{.NetIO}}", busy, idle);
    String busyLine = r.out().lines().filter(l -> l.startsWith(busy + "|")).findFirst().orElseThrow(() -> new AssertionError(r));
    String idleLine = r.out().lines().filter(l -> l.startsWith(idle + "|")).findFirst().orElseThrow(() -> new AssertionError(r));
    String[] b = busyLine.split("\\|");
    double cpu = Double.parseDouble(b[1].replace("%", ""));
    assertTrue(cpu > 10 && cpu < 75, "CPU % of a loop capped at 0.5 CPU: " + busyLine);
    assertTrue(b[2].endsWith("/ 64MiB") && !b[2].startsWith("0B"), "memory usage / limit: " + busyLine);
    assertEquals("1", b[3].strip(), busyLine);
    String[] i = idleLine.split("\\|");
    assertFalse(i[2].startsWith("0B"), "non-zero memory: " + idleLine);
    assertTrue(Double.parseDouble(i[1].replace("%", "")) < 5, idleLine);

    // the API's one-shot frame: Docker's field names; no limit means the host's memory
    Cli.Result api = Cli.run("curl", "-sf", "--unix-socket", e.socket().toString(),
        "http://x/containers/" + idle + "/stats?stream=false&one-shot=true");
    assertTrue(api.ok(), api::toString);
    JsonObject frame = new JsonObject(api.out());
    long memTotal = Long.parseLong(ok(e, "info", "--format", "{{.MemTotal}}").outTrim());
    assertEquals(memTotal, frame.getJsonObject("memory_stats").getLong("limit"), api.out());
    assertTrue(frame.getJsonObject("memory_stats").getLong("usage") > 0, api.out());
    assertTrue(frame.getJsonObject("cpu_stats").getJsonObject("cpu_usage").getLong("total_usage") > 0, api.out());
    assertTrue(frame.getJsonObject("cpu_stats").getLong("system_cpu_usage") > 0, api.out());
    assertEquals(1, frame.getJsonObject("pids_stats").getLong("current"), api.out());
    assertEquals("/" + idle, frame.getString("name"));
    assertTrue(frame.getJsonObject("blkio_stats").containsKey("io_service_bytes_recursive"), api.out());

    // streaming: a frame a second, each with the previous one's CPU counters as precpu_stats
    Cli.Result streamed = Cli.run("curl", "-s", "-m", "3.5", "--unix-socket", e.socket().toString(),
        "http://x/containers/" + busy + "/stats");
    java.util.List<String> frames = streamed.out().lines().filter(l -> l.startsWith("{")).toList();
    assertTrue(frames.size() >= 2, streamed::toString);
    JsonObject later = new JsonObject(frames.get(frames.size() - 1));
    long pre = later.getJsonObject("precpu_stats").getJsonObject("cpu_usage").getLong("total_usage");
    long now = later.getJsonObject("cpu_stats").getJsonObject("cpu_usage").getLong("total_usage");
    assertTrue(pre > 0 && now > pre, later::encode);

    // a stopped container: zeroes, not an error
    ok(e, "stop", "-t", "0", idle);
    Cli.Result stopped = ok(e, "stats", "--no-stream", "--format", "{{.MemUsage}}|{{.PIDs}}", idle);
    assertTrue(stopped.outTrim().startsWith("0B / 0B|0"), stopped::toString);
    Cli.Result missing = Cli.run("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--unix-socket",
        e.socket().toString(), "http://x/containers/nope-" + busy + "/stats?stream=false");
    assertEquals("404", missing.outTrim());
    ok(e, "rm", "-f", busy, idle);
  }
}
