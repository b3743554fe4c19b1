package dev.berth.gateway;

import dev.berth.gateway.config.ConfigLoader;
import dev.berth.gateway.config.GatewayConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A gateway really started in this JVM on a free loopback port, with its own data dir. */
public final class TestGateway implements AutoCloseable {
  /** An HTTP answer; json is null when the body is not a JSON object. */
  public record Answer(int status, String body, HttpResponse<String> raw) {
    public JsonObject json() {
      return body == null || body.isEmpty() || !body.startsWith("{") ? null : new JsonObject(body);
    }

    public String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }
  }

  public final Vertx vertx;
  public final GatewayApp app;
  public final GatewayConfig config;
  public final Path dataDir;
  public final String baseUrl;
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private TestGateway(Vertx vertx, GatewayApp app, GatewayConfig config, Path dataDir) {
    this.vertx = vertx;
    this.app = app;
    this.config = config;
    this.dataDir = dataDir;
    this.baseUrl = (config.usesTls() ? "https" : "http") + "://127.0.0.1:" + config.listenPort();
  }

  /** Starts with no hosts, H2 in a temp dir, and the given extra flags (later flags win). */
  public static TestGateway start(String... flags) throws Exception {
    return start(Map.of(), flags);
  }

  public static TestGateway start(Map<String, String> env, String... flags) throws Exception {
    Path dataDir = Files.createTempDirectory("gw-");
    List<String> args = new ArrayList<>(List.of("--data-dir", dataDir.toString(),
        "--listen-port", String.valueOf(freePort()), "--hosts="));
    args.addAll(List.of(flags));
    GatewayConfig config = new ConfigLoader(new HashMap<>(env)).load(args.toArray(String[]::new));
    Vertx vertx = Vertx.vertx();
    GatewayApp app = new GatewayApp(vertx, config);
    try {
      app.start().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      app.stop();
      deleteTree(dataDir);
      throw e;
    }
    return new TestGateway(vertx, app, config, dataDir);
  }

  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Sends a request; headers alternate name, value. */
  public Answer call(String method, String path, String body, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
        .timeout(Duration.ofSeconds(20))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(response.statusCode(), response.body(), response);
  }

  public Answer get(String path, String... headers) throws Exception {
    return call("GET", path, null, headers);
  }

  public Answer post(String path, JsonObject body, String... headers) throws Exception {
    return call("POST", path, body.encode(), headers);
  }

  /** Runs setup with the given admin and returns a bearer header pair for it. */
  public String[] setupAdmin(String username, String password) throws Exception {
    Answer setup = post("/api/setup", new JsonObject().put("username", username).put("password", password));
    if (setup.status() != 201) {
      throw new AssertionError("setup failed: " + setup.status() + " " + setup.body());
    }
    return bearer(login(username, password));
  }

  public String login(String username, String password) throws Exception {
    Answer login = post("/api/auth/login", new JsonObject().put("username", username).put("password", password));
    if (login.status() != 200) {
      throw new AssertionError("login failed: " + login.status() + " " + login.body());
    }
    return login.json().getString("token");
  }

  public static String[] bearer(String token) {
    return new String[] {"Authorization", "Bearer " + token};
  }

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    app.stop();
    deleteTree(dataDir);
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
