package dev.berth.engine.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs real processes (the docker CLI above all) and captures their output. */
public final class Cli {

  public static final String DOCKER = "/usr/local/bin/docker";
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

  private Cli() {}

  /** A finished command. {@code toString} is made for assertion messages. */
  public record Result(List<String> command, int exit, String out, String err) {
    public boolean ok() {
      return exit == 0;
    }

    /** stdout without the trailing newline. */
    public String outTrim() {
      return out.strip();
    }

    @Override
    public String toString() {
      return String.join(" ", command) + " -> exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
  }

  public static Result run(List<String> command, String stdin, Map<String, String> env, Duration timeout) {
    try {
      Path out = Files.createTempFile("cli-out", ".txt");
      Path err = Files.createTempFile("cli-err", ".txt");
      try {
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().putAll(env);
        if (stdin == null) {
          pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        }
        Process p = pb.start();
        if (stdin != null) {
          try (var in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
          } catch (IOException ignored) {
            // the process may exit before reading its input
          }
        }
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          p.descendants().forEach(ProcessHandle::destroyForcibly);
          p.destroyForcibly();
          p.waitFor(10, TimeUnit.SECONDS);
          return new Result(command, -1, Files.readString(out), Files.readString(err) + "\n[timed out after " + timeout + "]");
        }
        return new Result(command, p.exitValue(), Files.readString(out), Files.readString(err));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static Result run(String... command) {
    return run(List.of(command), null, Map.of(), DEFAULT_TIMEOUT);
  }

  /** Runs a command and fails with its output when it does not exit 0. */
  public static Result must(String... command) {
    Result r = run(command);
    if (!r.ok()) {
      throw new IllegalStateException("command failed: " + r);
    }
    return r;
  }

  static List<String> concat(List<String> head, String... tail) {
    List<String> all = new ArrayList<>(head);
    all.addAll(List.of(tail));
    return all;
  }
}
