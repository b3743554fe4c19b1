package dev.berth.engine.runtime.conmon;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts conmon with its sync pipe ({@code _OCI_SYNCPIPE}) on fd 3 and reads its one-line
 * report. The JDK hands a child only fds 0-2, so a shell moves its stdout pipe to fd 3.
 *
 * <p>conmon daemonizes at once, and its daemon reports only after {@code runc create}. When the
 * JDK's process reaper sees its direct child exit while no thread is blocked reading (as
 * happens under load), it keeps what the stdout pipe holds at that moment and closes the pipe:
 * a report written later is lost, and conmon, failing to write it (EPIPE), exits before it
 * watches anything. The container it created then runs with nobody recording its output or
 * exit code (seen as exit 255 with no output). So the shell stays alive, blocked on its stdin,
 * until the report has been read. It gives up its own copy of the pipe first, so end-of-file
 * still means that conmon closed it without a word.
 */
final class SyncPipe {

  private static final String LAUNCH = "\"$0\" \"$@\" 3>&1 >/dev/null </dev/null; exec >/dev/null; read -r _";

  private SyncPipe() {}

  /** Starts {@code command} with the pipe on fd 3, {@code env} added and stderr to a file. */
  static Process start(List<String> command, Map<String, String> env, Path stderr) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("/bin/sh", "-c", LAUNCH));
    cmd.addAll(command);
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().putAll(env);
    pb.redirectError(stderr.toFile());
    return pb.start();
  }

  /**
   * The {"data": N, "message": "..."} line, or null when conmon closed the pipe without one;
   * then lets the shell go and reaps it.
   */
  static JsonObject readReport(Process launcher) throws IOException, InterruptedException {
    try (InputStream in = launcher.getInputStream();
        OutputStream release = launcher.getOutputStream()) {
      return parse(readLine(in));
    } finally {
      if (!launcher.waitFor(10, TimeUnit.SECONDS)) {
        launcher.destroyForcibly();
      }
    }
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0 && b != '\n') {
      buf.write(b);
    }
    return buf.toString(StandardCharsets.UTF_8).strip();
  }

  private static JsonObject parse(String line) {
    if (line.isEmpty()) {
      return null;
    }
    try {
      return new JsonObject(line);
    } catch (RuntimeException e) {
      return new JsonObject().put("data", -1).put("message", line);
    }
  }
}
