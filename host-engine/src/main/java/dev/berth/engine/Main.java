package dev.berth.engine;

import dev.berth.engine.config.EngineConfig;
import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/** `java -jar host-engine.jar [dockerd flags]`. */
public final class Main {

  // held strongly: java.util.logging forgets the level of a logger nobody references
  private static final Logger NETTY_LOG = Logger.getLogger("io.netty");
  private static final Logger VERTX_LOG = Logger.getLogger("io.vertx");
  /** The JDK HTTP client (registries) traces every selector wake-up at FINE. */
  private static final Logger JDK_LOG = Logger.getLogger("jdk.internal");

  private Main() {}

  public static void main(String[] args) {
    System.setProperty(
        "java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tLZ %4$s %3$s: %5$s%6$s%n");
    EngineConfig config;
    try {
      config = EngineConfig.fromArgs(args);
    } catch (EngineConfig.ConfigException e) {
      System.err.println("berth engine: " + e.getMessage());
      System.exit(1);
      return;
    }
    configureLogging(config.logLevel);
    Daemon daemon = new Daemon(config);
    try {
      daemon.start().await();
    } catch (Exception e) {
      System.err.println("berth engine: failed to start: " + e.getMessage());
      daemon.stop();
      System.exit(1);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(daemon::stop, "shutdown"));
  }

  private static void configureLogging(String level) {
    Logger root = Logger.getLogger("");
    for (var h : root.getHandlers()) {
      root.removeHandler(h);
    }
    ConsoleHandler handler = new ConsoleHandler();
    handler.setFormatter(new SimpleFormatter());
    Level jul =
        switch (level) {
          case "debug" -> Level.FINE;
          case "warn" -> Level.WARNING;
          case "error", "fatal" -> Level.SEVERE;
          default -> Level.INFO;
        };
    handler.setLevel(jul);
    root.setLevel(jul);
    root.addHandler(handler);
    // library internals stay quiet even at debug level
    NETTY_LOG.setLevel(Level.INFO);
    JDK_LOG.setLevel(Level.INFO);
    VERTX_LOG.setLevel(jul.intValue() < Level.INFO.intValue() ? Level.INFO : jul);
  }
}
