package dev.berth.engine.runtime.conmon;

import dev.berth.engine.runtime.Commands;
import dev.berth.engine.runtime.OciRuntime;
import dev.berth.engine.runtime.OciRuntimeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * {@link OciRuntime} with conmon 2.1.6 and runc, as Podman drives them. conmon daemonizes,
 * runs {@code runc create}, reports the container pid (or runc's error) on the
 * {@code _OCI_SYNCPIPE}, keeps the container's stdio, log and attach socket, and writes the
 * exit code to {@code <exit-dir>/<id>}. runc's state lives under this engine's own root.
 */
public final class ConmonRuntime implements OciRuntime {

  private static final Logger LOG = Logger.getLogger(ConmonRuntime.class.getName());

  /** The JDK hands only fds 0-2 to a child: a shell moves our stdout pipe to fd 3 for conmon. */
  private static final String LAUNCH = "exec \"$0\" \"$@\" 3>&1 >/dev/null";

  private final String conmon;
  private final String runc;
  private final Path runtimeRoot;
  private final Path exitDir;

  public ConmonRuntime(String conmon, String runc, Path runtimeRoot, Path exitDir) throws IOException {
    this.conmon = resolveBinary(conmon);
    this.runc = resolveBinary(runc);
    this.runtimeRoot = runtimeRoot;
    this.exitDir = exitDir;
    Files.createDirectories(runtimeRoot);
    Files.createDirectories(exitDir);
  }

  @Override
  public Created create(CreateRequest r) {
    try {
      return createOnce(r);
    } catch (SilentFailure e) {
      // conmon ended without a report and without any message from itself or from runc; seen
      // once while another daemon was starting up. One more try, then report it.
      LOG.warning("conmon gave no report for " + r.id() + ", retrying once");
      // a runc create that finished after our clean-up would make the retry fail with
      // "container with given ID already exists"
      delete(r.id(), true);
      for (String leftover : List.of("attach", "ctl", "winsz", "pid", "conmon.pid")) {
        try {
          Files.deleteIfExists(r.bundle().resolve(leftover));
        } catch (IOException ignored) {
          // conmon recreates what it needs
        }
      }
      try {
        return createOnce(r);
      } catch (SilentFailure again) {
        throw new OciRuntimeException("container creation failed: conmon exited without a report");
      }
    }
  }

  /** conmon closed the sync pipe without a word, and left no message anywhere. */
  private static final class SilentFailure extends RuntimeException {
    SilentFailure() {
      super(null, null, false, false);
    }
  }

  private Created createOnce(CreateRequest r) {
    Path pidFile = r.bundle().resolve("pid");
    Path conmonPidFile = r.bundle().resolve("conmon.pid");
    Path runcLog = r.bundle().resolve("runc.log");
    List<String> cmd = new ArrayList<>(List.of("/bin/sh", "-c", LAUNCH, conmon));
    cmd.addAll(
        List.of(
            "--api-version", "1",
            "-c", r.id(),
            "-u", r.id(),
            "-n", r.name(),
            "-r", runc,
            "-b", r.bundle().toString(),
            "-p", pidFile.toString(),
            "--exit-dir", exitDir.toString(),
            "--persist-dir", r.bundle().toString(),
            "--full-attach",
            "--socket-dir-path", r.bundle().toString(),
            "-l", "k8s-file:" + r.logPath(),
            "--conmon-pidfile", conmonPidFile.toString(),
            "--runtime-arg", "--root=" + runtimeRoot,
            // with --log, runc writes its plain error to stderr, which conmon relays to us
            "--runtime-arg", "--log-format=json",
            "--runtime-arg", "--log=" + runcLog));
    if (r.tty()) {
      cmd.add("-t");
    }
    if (r.stdin()) {
      cmd.add("-i");
    }
    if (r.leaveStdinOpen()) {
      cmd.add("--leave-stdin-open");
    }
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("_OCI_SYNCPIPE", "3");
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    pb.redirectError(r.bundle().resolve("conmon.err").toFile());
    JsonObject report;
    try {
      Process p = pb.start();
      try (InputStream sync = p.getInputStream()) {
        report = readReport(sync);
        p.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (IOException e) {
      throw new OciRuntimeException("cannot start conmon: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OciRuntimeException("interrupted while creating the container");
    }
    int pid = report == null ? -1 : report.getInteger("data", -1);
    if (report == null) {
      // the report can be lost while runc create itself succeeded: runc's state is the truth
      Created adopted = adoptSilentCreate(r.id(), conmonPidFile);
      if (adopted != null) {
        return adopted;
      }
    }
    if (pid <= 0) {
      String message = report == null ? null : report.getString("message");
      if (message == null || message.isBlank()) {
        message = lastRuncError(runcLog, r.bundle().resolve("conmon.err"));
      }
      delete(r.id(), true);
      if (message == null) {
        throw new SilentFailure();
      }
      throw new OciRuntimeException(message.strip());
    }
    int monitorPid = readInt(conmonPidFile);
    return new Created(pid, monitorPid);
  }

  /**
   * After conmon closed the sync pipe without a report: a container that runc reports as
   * created, with a live conmon, is adopted; anything else is null (and gets cleaned up).
   */
  private Created adoptSilentCreate(String id, Path conmonPidFile) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    while (System.nanoTime() < deadline) {
      State state = state(id);
      if (state != null && "created".equals(state.status()) && state.pid() > 0 && Files.exists(conmonPidFile)) {
        int monitorPid = readInt(conmonPidFile);
        if (monitorAlive(id, monitorPid)) {
          LOG.warning("conmon's report for " + id + " was lost; adopted the created container");
          return new Created(state.pid(), monitorPid);
        }
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
    return null;
  }

  /** One {"data": N, "message": "..."} line; null when conmon closed the pipe without one. */
  private static JsonObject readReport(InputStream in) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      if (b == '\n') {
        break;
      }
      buf.write(b);
    }
    String line = buf.toString(StandardCharsets.UTF_8).strip();
    if (line.isEmpty()) {
      return null;
    }
    try {
      return new JsonObject(line);
    } catch (RuntimeException e) {
      return new JsonObject().put("data", -1).put("message", line);
    }
  }

  /** runc's last error line, else conmon's own stderr, else null. */
  private static String lastRuncError(Path runcLog, Path conmonErr) {
    try {
      if (Files.exists(runcLog)) {
        String last = null;
        for (String line : Files.readAllLines(runcLog)) {
          if (line.contains("\"error\"")) {
            last = new JsonObject(line).getString("msg");
          }
        }
        if (last != null) {
          return last;
        }
      }
      if (Files.exists(conmonErr)) {
        String err = Files.readString(conmonErr).strip();
        if (!err.isEmpty()) {
          return err;
        }
      }
    } catch (IOException | RuntimeException e) {
      return "container creation failed: " + e.getMessage();
    }
    return null;
  }

  @Override
  public void start(String id) {
    runc("start", id);
  }

  @Override
  public void kill(String id, int signal, boolean all) {
    if (all) {
      runc("kill", "--all", id, Integer.toString(signal));
    } else {
      runc("kill", id, Integer.toString(signal));
    }
  }

  @Override
  public void update(String id, JsonObject resources) {
    List<String> args = new ArrayList<>(List.of("update"));
    JsonObject memory = resources.getJsonObject("memory", new JsonObject());
    JsonObject cpu = resources.getJsonObject("cpu", new JsonObject());
    JsonObject pids = resources.getJsonObject("pids", new JsonObject());
    addFlag(args, "--memory", memory.getValue("limit"));
    addFlag(args, "--memory-swap", memory.getValue("swap"));
    addFlag(args, "--cpu-share", cpu.getValue("shares"));
    addFlag(args, "--cpu-period", cpu.getValue("period"));
    addFlag(args, "--cpu-quota", cpu.getValue("quota"));
    addFlag(args, "--pids-limit", pids.getValue("limit"));
    if (args.size() > 1) {
      args.add(id);
      runc(args.toArray(String[]::new));
    }
  }

  private static void addFlag(List<String> args, String flag, Object value) {
    if (value != null) {
      args.add(flag);
      args.add(String.valueOf(value));
    }
  }

  @Override
  public void pause(String id) {
    runc("pause", id);
  }

  @Override
  public void unpause(String id) {
    runc("resume", id);
  }

  @Override
  public void delete(String id, boolean force) {
    if (!Files.exists(runtimeRoot.resolve(id))) {
      return;
    }
    Commands.Result r = Commands.run(command(force ? List.of("delete", "--force", id) : List.of("delete", id)));
    if (!r.ok() && Files.exists(runtimeRoot.resolve(id))) {
      throw new OciRuntimeException(runcMessage(r.err()));
    }
  }

  @Override
  public State state(String id) {
    if (!Files.exists(runtimeRoot.resolve(id))) {
      return null;
    }
    Commands.Result r = Commands.run(command(List.of("state", id)));
    if (!r.ok()) {
      return null;
    }
    JsonObject s = new JsonObject(r.out());
    return new State(s.getString("status", "stopped"), s.getInteger("pid", 0));
  }

  @Override
  public List<Integer> pids(String id) {
    JsonArray arr = new JsonArray(runc("ps", "--format", "json", id));
    List<Integer> out = new ArrayList<>();
    arr.forEach(p -> out.add(((Number) p).intValue()));
    return out;
  }

  @Override
  public OptionalInt exitCode(String id) {
    Path f = exitDir.resolve(id);
    try {
      String s = Files.readString(f).strip();
      return s.isEmpty() ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(s));
    } catch (IOException | NumberFormatException e) {
      return OptionalInt.empty();
    }
  }

  @Override
  public long exitTimeNano(String id) {
    try {
      FileTime t = Files.getLastModifiedTime(exitDir.resolve(id));
      return t.to(TimeUnit.NANOSECONDS);
    } catch (IOException e) {
      return 0;
    }
  }

  @Override
  public void clearExit(String id) {
    try {
      Files.deleteIfExists(exitDir.resolve(id));
    } catch (IOException e) {
      throw new OciRuntimeException("cannot clear exit file of " + id + ": " + e.getMessage(), e);
    }
  }

  @Override
  public boolean monitorAlive(String id, int monitorPid) {
    if (monitorPid <= 0) {
      return false;
    }
    try {
      byte[] cmdline = Files.readAllBytes(Path.of("/proc", Integer.toString(monitorPid), "cmdline"));
      String s = new String(cmdline, StandardCharsets.UTF_8);
      return s.contains("conmon") && s.contains(id);
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void watchExits(Consumer<String> onExit) {
    ExitWatcher.start(exitDir, onExit);
  }

  @Override
  public Path attachSocket(Path bundle) {
    return bundle.resolve("attach");
  }

  @Override
  public Path ctlFifo(Path bundle) {
    return bundle.resolve("ctl");
  }

  @Override
  public String runtimePath() {
    return runc;
  }

  @Override
  public List<String> runtimeArgs() {
    return List.of("--root=" + runtimeRoot);
  }

  private String runc(String... args) {
    Commands.Result r = Commands.run(command(List.of(args)));
    if (!r.ok()) {
      throw new OciRuntimeException(runcMessage(r.err()));
    }
    return r.out();
  }

  private List<String> command(List<String> args) {
    List<String> cmd = new ArrayList<>(List.of(runc, "--root", runtimeRoot.toString(), "--log-format", "json"));
    cmd.addAll(args);
    return cmd;
  }

  /** runc logs {"level":"error","msg":...} lines to stderr; the last msg is the reason. */
  static String runcMessage(String stderr) {
    String message = null;
    for (String line : stderr.split("\n")) {
      line = line.strip();
      if (line.startsWith("{")) {
        try {
          String msg = new JsonObject(line).getString("msg");
          if (msg != null) {
            message = msg;
          }
        } catch (RuntimeException e) {
          message = line;
        }
      } else if (!line.isEmpty()) {
        message = line;
      }
    }
    return message == null ? "runc failed" : message;
  }

  private static int readInt(Path file) {
    try {
      return Integer.parseInt(Files.readString(file).strip());
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
  }

  private static String resolveBinary(String name) {
    if (name.contains("/")) {
      return name;
    }
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").split(":")) {
      Path p = Path.of(dir, name);
      if (Files.isExecutable(p)) {
        return p.toString();
      }
    }
    for (String dir : List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin")) {
      Path p = Path.of(dir, name);
      if (Files.isExecutable(p)) {
        return p.toString();
      }
    }
    return name;
  }
}
