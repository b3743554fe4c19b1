package dev.berth.engine.it.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.it.Cli;
import dev.berth.engine.it.TestEngine;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The lifecycle's events, in dockerd's order and with its attributes. */
class ContainerEventsIT {

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void lifecycleEvents(TestEngine e) throws InterruptedException {
    String n = Ctr.name("ev");
    String renamed = n + "-new";
    String since = now(e);
    Ctr.ok(e, "create", "--name", n, "--label", "team=blue", Ctr.image(e), "sh", "-c", "trap 'exit 0' TERM; trap '' USR1; while true; do sleep 0.1; done");
    Ctr.ok(e, "start", n);
    Ctr.ok(e, "pause", n);
    Ctr.ok(e, "unpause", n);
    Ctr.ok(e, "kill", "-s", "USR1", n);
    Ctr.ok(e, "rename", n, renamed);
    Ctr.ok(e, "stop", renamed);
    Ctr.ok(e, "rm", renamed);
    Thread.sleep(200);
    Cli.Result events =
        Ctr.ok(e, "events", "--since", since, "--until", now(e), "--filter", "type=container", "--filter", "label=team=blue",
            "--format", "{{.Action}} {{index .Actor.Attributes \"name\"}} {{index .Actor.Attributes \"image\"}} {{index .Actor.Attributes \"signal\"}}{{index .Actor.Attributes \"exitCode\"}}{{index .Actor.Attributes \"oldName\"}}");
    List<String> lines = events.out().lines().map(String::strip).toList();
    String img = Ctr.image(e);
    assertEquals(
        List.of(
            "create " + n + " " + img + " ",
            "start " + n + " " + img + " ",
            "pause " + n + " " + img + " ",
            "unpause " + n + " " + img + " ",
            "kill " + n + " " + img + " 10",
            "rename " + renamed + " " + img + " /" + n,
            "kill " + renamed + " " + img + " 15",
            "die " + renamed + " " + img + " 0",
            "stop " + renamed + " " + img + " ",
            "destroy " + renamed + " " + img + " ").stream().map(String::strip).toList(),
        lines,
        events::toString);
    assertTrue(events.err().isEmpty(), events::toString);
  }

  /** Now as unix seconds with nanoseconds, as `docker events` takes it (same host clock). */
  private static String now(TestEngine e) {
    long nanos = java.time.Instant.now().toEpochMilli() * 1_000_000L;
    return (nanos / 1_000_000_000L) + "." + String.format("%09d", nanos % 1_000_000_000L);
  }
}
