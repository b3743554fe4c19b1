package dev.berth.engine.exec;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One exec process under conmon ({@code conmon -e --exec-attach --exec-process-spec}), driven
 * as Podman drives it through three pipes: conmon reads a first byte on the start pipe, then
 * reports on the attach pipe that its attach socket is listening, waits for a second start
 * byte (so that a client attaches before any output), runs {@code runc exec}, and writes the
 * pid and finally the exit code as {@code {"data": N}} lines on the sync pipe.
 *
 * <p>The JDK cannot hand extra descriptors to a child, so the pipes are named FIFOs that a
 * shell opens as fds 3, 4 and 5 before exec-ing conmon. This side opens them read-write, which
 * never blocks, so neither side can wait on the other's open.
 *
 * <p>Every method blocks: call from a worker thread.
 */
final class ConmonExec implements AutoCloseable {

  private static final String CONMON = "/usr/bin/conmon";
  private static final String LAUNCH = "exec \"$0\" \"$@\" 3>\"$BERTH_SYNC\" 4<\"$BERTH_START\" 5>\"$BERTH_ATTACH\"";

  private final Path dir;
  private RandomAccessFile sync;
  private RandomAccessFile start;
  private RandomAccessFile attach;

  /** What conmon reported: a value, or a negative one with the runtime's error message. */
  record Report(int value, String message) {}

  ConmonExec(Path dir) {
    this.dir = dir;
  }

  Path attachSocket() {
    return dir.resolve("attach");
  }

  Path ctlFifo() {
    return dir.resolve("ctl");
  }

  /** Writes the process spec, starts conmon and returns once its attach socket listens. */
  void launch(ExecContainer container, String execId, JsonObject process, boolean tty, boolean stdin) throws IOException {
    Files.createDirectories(dir.resolve("exits"));
    Path spec = dir.resolve("process.json");
    Files.writeString(spec, process.encode());
    for (String fifo : List.of("sync", "start", "attachpipe")) {
      mkfifo(dir.resolve(fifo));
    }
    sync = new RandomAccessFile(dir.resolve("sync").toFile(), "rw");
    start = new RandomAccessFile(dir.resolve("start").toFile(), "rw");
    attach = new RandomAccessFile(dir.resolve("attachpipe").toFile(), "rw");

    List<String> cmd = new ArrayList<>(List.of("/bin/sh", "-c", LAUNCH, CONMON));
    cmd.addAll(
        List.of(
            "--api-version", "1",
            "-c", container.id(),
            "-u", execId,
            "-n", container.id(),
            "-r", container.runtimePath(),
            "-b", dir.toString(),
            "-p", dir.resolve("pid").toString(),
            "--exit-dir", dir.resolve("exits").toString(),
            "--persist-dir", dir.toString(),
            "--full-attach",
            "--socket-dir-path", dir.toString(),
            "--conmon-pidfile", dir.resolve("conmon.pid").toString(),
            "-l", "none"));
    if (tty) {
      cmd.add("-t");
    } else if (stdin) {
      cmd.add("-i");
    }
    cmd.addAll(List.of("-e", "--exec-attach", "--exec-process-spec", spec.toString()));
    for (String arg : container.runtimeArgs()) {
      cmd.add("--runtime-arg");
      cmd.add(arg);
    }
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .directory(dir.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(dir.resolve("conmon.err").toFile());
    pb.environment().put("BERTH_SYNC", dir.resolve("sync").toString());
    pb.environment().put("BERTH_START", dir.resolve("start").toString());
    pb.environment().put("BERTH_ATTACH", dir.resolve("attachpipe").toString());
    pb.environment().put("_OCI_SYNCPIPE", "3");
    pb.environment().put("_OCI_STARTPIPE", "4");
    pb.environment().put("_OCI_ATTACHPIPE", "5");
    Process launcher = pb.start();
    // conmon waits for this first byte before it forks away (Podman moves it to a cgroup here)
    start.write('0');
    try {
      if (!launcher.waitFor(30, TimeUnit.SECONDS)) {
        launcher.destroyForcibly();
        throw new IOException("conmon did not start");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    if (launcher.exitValue() != 0) {
      throw new IOException("conmon failed: " + Files.readString(dir.resolve("conmon.err")).strip());
    }
    watch();
    Report ready = read(attach);
    if (ready.value() < 0) {
      throw new IOException(ready.message());
    }
  }

  /**
   * conmon reports on the sync pipe, but it may die without a word (killed, or a runtime error
   * it could not read). This side holds the FIFO read-write, so it can then write the failure
   * itself and no reader waits forever.
   */
  private void watch() throws IOException {
    Path pidfile = dir.resolve("conmon.pid");
    long pid = Long.parseLong(Files.readString(pidfile).trim());
    Thread watchdog =
        new Thread(
            () -> {
              ProcessHandle conmon = ProcessHandle.of(pid).orElse(null);
              try {
                if (conmon != null) {
                  conmon.onExit().get();
                }
                Thread.sleep(200); // its last words, if any, go first
                String failure = "{\"data\": -1, \"message\": \"conmon exited\"}\n";
                for (RandomAccessFile pipe : new RandomAccessFile[] {sync, attach}) {
                  pipe.write(failure.getBytes(StandardCharsets.UTF_8));
                  pipe.write(failure.getBytes(StandardCharsets.UTF_8));
                }
              } catch (Exception e) {
                // the pipes are closed: the session is over
              }
            },
            "conmon-watch-" + dir.getFileName());
    watchdog.setDaemon(true);
    watchdog.start();
  }

  /** Lets conmon run the process. */
  void go() throws IOException {
    start.write('1');
  }

  /** The pid once the process runs, or a negative value and the runtime's error. */
  Report awaitPid() throws IOException {
    return read(sync);
  }

  /** The exit code once the process has exited. */
  Report awaitExit() throws IOException {
    return read(sync);
  }

  private static Report read(RandomAccessFile pipe) throws IOException {
    String line = pipe.readLine();
    if (line == null) {
      throw new IOException("conmon closed its pipe");
    }
    JsonObject json = new JsonObject(new String(line.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
    return new Report(json.getInteger("data", -1), json.getString("message", ""));
  }

  private static void mkfifo(Path path) throws IOException {
    Files.deleteIfExists(path);
    try {
      Process p = new ProcessBuilder("mkfifo", "-m", "0600", path.toString()).redirectErrorStream(true).start();
      if (p.waitFor() != 0) {
        throw new IOException("mkfifo " + path + ": " + new String(p.getInputStream().readAllBytes()).strip());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /** Closes this side's pipe ends and removes the exec's folder: the session is over. */
  @Override
  public void close() {
    for (RandomAccessFile f : new RandomAccessFile[] {sync, start, attach}) {
      try {
        if (f != null) {
          f.close();
        }
      } catch (IOException ignored) {
        // closing our ends of the FIFOs
      }
    }
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      // conmon may still be unlinking its socket; what is left goes with the exec root
    }
  }
}
