package dev.berth.gateway;

import dev.berth.gateway.config.ConfigException;
import dev.berth.gateway.config.ConfigLoader;
import dev.berth.gateway.config.GatewayConfig;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** {@code java -jar berth-gateway.jar [--flags]}: loads the config and starts the gateway. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT %4$s %3$s: %5$s%6$s%n");
    GatewayConfig config;
    try {
      config = new ConfigLoader(System.getenv()).load(args);
    } catch (ConfigException e) {
      System.err.println("berth-gateway: " + e.getMessage());
      System.exit(2);
      return;
    }
    // Small pools keep the idle footprint low; engine and database calls have their own workers.
    Vertx vertx = Vertx.vertx(new VertxOptions().setWorkerPoolSize(16).setPreferNativeTransport(true));
    GatewayApp app = new GatewayApp(vertx, config);
    CompletableFuture<Void> started = app.start().toCompletionStage().toCompletableFuture();
    try {
      started.get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      System.err.println("berth-gateway: cannot start: " + cause.getMessage());
      app.stop();
      vertx.close();
      System.exit(1);
      return;
    }
    String scheme = config.usesTls() ? "https" : "http";
    System.out.println("berth-gateway listening on " + scheme + "://" + config.listenHost() + ":" + config.listenPort());
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      vertx.close().toCompletionStage().toCompletableFuture().join();
      app.stop();
    }));
  }
}
