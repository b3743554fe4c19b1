package dev.berth.engine.it.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.engine.it.Cli;
import dev.berth.engine.it.TestEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Many short-lived `run --rm` containers at once, each with its own exit code and output: every
 * client gets its container's real exit code and output (never a monitor failure's 255 with
 * nothing printed), and none is left behind.
 */
class ShortLivedExitsIT {

  private static final int RUNS = 24;
  private static final int PARALLEL = 4;

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void everyExitCodeAndOutputReachesItsClient(TestEngine e) throws Exception {
    String image = Ctr.image(e);
    String prefix = Ctr.name("short");
    List<Future<String>> outcomes = new ArrayList<>();
    ExecutorService clients = Executors.newFixedThreadPool(PARALLEL);
    try {
      for (int i = 0; i < RUNS; i++) {
        int n = i;
        outcomes.add(clients.submit(() -> {
          List<String> args = new ArrayList<>(List.of("run", "--rm", "--name", prefix + "-" + n));
          if (n % 2 == 1) {
            args.addAll(List.of("--security-opt", "no-new-privileges"));
          }
          args.addAll(List.of(image, "sh", "-c", "echo run-" + n + "; exit " + n % 7));
          Cli.Result r = e.docker(args.toArray(String[]::new));
          return r.exit() + " " + r.outTrim() + (r.exit() == n % 7 ? "" : " " + r);
        }));
      }
      for (int i = 0; i < RUNS; i++) {
        assertEquals(i % 7 + " run-" + i, outcomes.get(i).get(), "run " + i);
      }
    } finally {
      clients.shutdownNow();
    }
    assertEquals("", Ctr.ok(e, "ps", "-aq", "--filter", "name=" + prefix).outTrim(), "--rm removed every one");
  }
}
