package dev.berth.engine.health;

import dev.berth.engine.api.compat.DockerTime;
import dev.berth.engine.exec.ExecContainer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one health check command in a container with {@code runc exec}, as containerd runs
 * dockerd's probes: the container's own process spec (user, env, capabilities, cwd) with the
 * check's arguments, no TTY, output captured (the first 4096 bytes, as Docker keeps), killed
 * when it outlives the timeout.
 */
final class HealthProbe {

  private static final int MAX_OUTPUT = 4096;

  private HealthProbe() {}

  static HealthState.Result run(ExecContainer c, List<String> command, long timeoutNanos, String probeId) {
    long start = DockerTime.nowNano();
    Path bundle = c.runtimeConfig().getParent();
    Path spec = bundle.resolve("health-" + probeId + ".json");
    Path pidFile = bundle.resolve("health-" + probeId + ".pid");
    Process p = null;
    try {
      JsonObject process = new JsonObject(Files.readString(c.runtimeConfig())).getJsonObject("process").copy();
      process.put("args", new JsonArray(new ArrayList<>(command))).put("terminal", false).remove("consoleSize");
      Files.writeString(spec, process.encode());
      List<String> cmd = new ArrayList<>(List.of(c.runtimePath()));
      cmd.addAll(c.runtimeArgs());
      cmd.addAll(List.of("exec", "--process", spec.toString(), "--pid-file", pidFile.toString(), c.id()));
      p = new ProcessBuilder(cmd)
          .redirectErrorStream(true)
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
          .start();
      OutputReader output = new OutputReader(p.getInputStream());
      output.start();
      if (!p.waitFor(timeoutNanos, TimeUnit.NANOSECONDS)) {
        killProbe(pidFile, p);
        return new HealthState.Result(start, DockerTime.nowNano(), -1,
            "Health check exceeded timeout (" + seconds(timeoutNanos) + ")");
      }
      output.join(1000);
      return new HealthState.Result(start, DockerTime.nowNano(), p.exitValue(), output.text());
    } catch (IOException | RuntimeException e) {
      if (p != null) {
        killProbe(pidFile, p);
      }
      return new HealthState.Result(start, DockerTime.nowNano(), -1, "health check could not run: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      killProbe(pidFile, p);
      return new HealthState.Result(start, DockerTime.nowNano(), -1, "health check interrupted");
    } finally {
      try {
        Files.deleteIfExists(spec);
        Files.deleteIfExists(pidFile);
      } catch (IOException ignored) {
        // the bundle is rebuilt at the next start
      }
    }
  }

  /** The process inside the container first (runc does not pass SIGKILL on), then runc. */
  private static void killProbe(Path pidFile, Process runc) {
    try {
      long pid = Long.parseLong(Files.readString(pidFile).strip());
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    } catch (IOException | NumberFormatException e) {
      // it never started
    }
    if (runc != null) {
      runc.destroyForcibly();
    }
  }

  private static String seconds(long nanos) {
    double s = nanos / 1e9;
    return s == Math.rint(s) ? (long) s + "s" : s + "s";
  }

  /** Drains the probe's output so it never blocks on a full pipe; keeps the first 4096 bytes. */
  private static final class OutputReader extends Thread {
    private final InputStream in;
    private final byte[] kept = new byte[MAX_OUTPUT];
    private int length;

    OutputReader(InputStream in) {
      super("health-output");
      setDaemon(true);
      this.in = in;
    }

    @Override
    public void run() {
      byte[] buf = new byte[8192];
      try {
        int n;
        while ((n = in.read(buf)) >= 0) {
          int take = Math.min(n, MAX_OUTPUT - length);
          System.arraycopy(buf, 0, kept, length, take);
          length += take;
        }
      } catch (IOException e) {
        // the process was killed
      }
    }

    String text() {
      return new String(kept, 0, length, StandardCharsets.UTF_8);
    }
  }
}
