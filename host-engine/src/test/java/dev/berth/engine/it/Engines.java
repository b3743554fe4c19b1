package dev.berth.engine.it;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The engines the integration suite runs against, started once per test JVM and shut down at
 * its end. Use with {@code @ParameterizedTest @MethodSource("dev.berth.engine.it.Engines#all")}.
 * BERTH_IT_ENGINES (comma list, default "berth,dockerd") chooses which.
 */
public final class Engines {

  private static BerthEngine berth;
  private static DockerdEngine dockerd;

  private Engines() {}

  public static Stream<TestEngine> all() {
    List<TestEngine> engines = new ArrayList<>();
    String wanted = System.getenv().getOrDefault("BERTH_IT_ENGINES", "berth,dockerd");
    if (wanted.contains("berth")) {
      engines.add(berth());
    }
    if (wanted.contains("dockerd")) {
      engines.add(dockerd());
    }
    return engines.stream();
  }

  public static synchronized TestEngine berth() {
    if (berth == null) {
      BerthEngine e = new BerthEngine();
      Runtime.getRuntime().addShutdownHook(new Thread(e::shutdown));
      e.start();
      berth = e;
    }
    return berth;
  }

  /** The shared Berth engine if a test has started it (for failure reports), without starting it. */
  static synchronized java.util.Optional<ProcessEngine> startedBerth() {
    return java.util.Optional.<ProcessEngine>ofNullable(berth);
  }

  public static synchronized TestEngine dockerd() {
    if (dockerd == null) {
      DockerdEngine e = new DockerdEngine();
      Runtime.getRuntime().addShutdownHook(new Thread(e::shutdown));
      e.start();
      dockerd = e;
    }
    return dockerd;
  }

  /**
   * A fresh Berth engine of the test's own, for tests that restart or kill it. The caller
   * closes it.
   */
  public static OwnedEngine freshBerth() {
    BerthEngine e = new BerthEngine();
    e.start();
    return new OwnedEngine(e);
  }

  /** An engine that a single test owns and closes. */
  public record OwnedEngine(TestEngine engine) implements AutoCloseable {
    @Override
    public void close() {
      ((ProcessEngine) engine).shutdown();
    }
  }
}
