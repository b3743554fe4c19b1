package dev.berth.gateway.proxy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real docker CLI pointed at the gateway's proxy for one host, with its own config dir
 * whose config.json carries the caller's API key in HttpHeaders (or no key at all).
 */
final class DockerCli {

  record Result(int exitCode, String output) {
    @Override
    public String toString() {
      return "exit " + exitCode + ": " + output;
    }
  }

  private final String dockerHost;
  private final Path configDir;

  private DockerCli(String dockerHost, Path configDir) {
    this.dockerHost = dockerHost;
    this.configDir = configDir;
  }

  /** @param apiKey null for a CLI that sends no credentials */
  static DockerCli forKey(String gatewayBaseUrl, String hostId, String apiKey) throws IOException {
    Path dir = Files.createTempDirectory(Path.of("/tmp"), "px-cli-");
    String config = apiKey == null ? "{}" : "{\"HttpHeaders\":{\"X-API-Key\":\"" + apiKey + "\"}}";
    // removed when the test JVM ends (file first, then its dir): it holds a test user's key
    dir.toFile().deleteOnExit();
    dir.resolve("config.json").toFile().deleteOnExit();
    Files.writeString(dir.resolve("config.json"), config);
    String host = gatewayBaseUrl.replaceFirst("^https?://", "tcp://") + "/api/hosts/" + hostId + "/docker";
    return new DockerCli(host, dir);
  }

  String dockerHost() {
    return dockerHost;
  }

  Result run(String... args) throws Exception {
    return runWithInput(null, args);
  }

  /** Runs docker with args; stdin gets {@code input} then EOF (or nothing and EOF at once). */
  Result runWithInput(String input, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("docker"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    environment(pb.environment());
    return finish(pb.start(), input, 120, true);
  }

  /**
   * Runs a docker command line under a pseudo terminal (util-linux script), typing
   * {@code keystrokes}, for docker exec -it / run -it.
   */
  Result runInPty(String commandLine, String keystrokes) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("script", "-qec", commandLine, "/dev/null").redirectErrorStream(true);
    environment(pb.environment());
    pb.environment().put("TERM", "xterm");
    Process p = pb.start();
    Thread.sleep(1500);
    return finish(p, keystrokes, 60, false);
  }

  private void environment(Map<String, String> env) {
    env.keySet().removeIf(k -> k.startsWith("DOCKER_"));
    env.put("DOCKER_HOST", dockerHost);
    env.put("DOCKER_CONFIG", configDir.toString());
    // the classic builder (POST /build); BuildKit's session endpoints are not proxied
    env.put("DOCKER_BUILDKIT", "0");
  }

  /** Feeds stdin (then EOF unless a pty's script must keep it open) and collects the output. */
  private static Result finish(Process p, String input, int seconds, boolean closeStdin) throws Exception {
    StringBuffer out = new StringBuffer();
    Thread reader = new Thread(() -> {
      try {
        out.append(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException ignored) {
        // the process was killed: what was read so far is reported
      }
    });
    reader.start();
    OutputStream in = p.getOutputStream();
    if (input != null) {
      in.write(input.getBytes(StandardCharsets.UTF_8));
      in.flush();
    }
    if (closeStdin) {
      in.close();
    }
    boolean done = p.waitFor(seconds, TimeUnit.SECONDS);
    if (!done) {
      p.destroyForcibly();
    }
    reader.join(5000);
    in.close();
    return done ? new Result(p.exitValue(), out.toString()) : new Result(-1, out + " (timed out)");
  }
}
