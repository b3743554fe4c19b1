package dev.berth.engine.runtime.conmon;

import dev.berth.engine.runtime.Commands;
import dev.berth.engine.runtime.OciRuntime;
import dev.berth.engine.runtime.OciRuntimeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@link OciRuntime} with conmon 2.1.6 and runc, as Podman drives them. conmon daemonizes,
 * runs {@code runc create}, reports the container pid (or runc's error) on the
 * {@code _OCI_SYNCPIPE}, keeps the container's stdio, log and attach socket, and writes the
 * exit code to {@code <exit-dir>/<id>}. runc's state lives under this engine's own root.
 */
public final class ConmonRuntime implements OciRuntime {

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
    Path conmonPidFile = r.bundle().resolve("conmon.pid");
    Path runcLog = r.bundle().resolve("runc.log");
    List<String> cmd = new ArrayList<>(List.of(conmon));
    cmd.addAll(
        List.of(
            "--api-version", "1",
            "-c", r.id(),
            "-u", r.id(),
            "-n", r.name(),
            "-r", runc,
            "-b", r.bundle().toString(),
            "-p", r.bundle().resolve("pid").toString(),
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
    Path conmonErr = r.bundle().resolve("conmon.err");
    JsonObject report;
    try {
      report = SyncPipe.readReport(SyncPipe.start(cmd, Map.of("_OCI_SYNCPIPE", "3"), conmonErr));
    } catch (IOException e) {
      throw new OciRuntimeException("cannot start conmon: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      delete(r.id(), true);
      throw new OciRuntimeException("interrupted while creating the container");
    }
    int pid = report == null ? -1 : report.getInteger("data", -1);
    if (pid <= 0) {
      String message = report == null ? null : report.getString("message");
      if (message == null || message.isBlank()) {
        message = lastRuncError(runcLog, conmonErr);
      }
      delete(r.id(), true);
      throw new OciRuntimeException(message == null ? "container creation failed: conmon exited without a report" : message.strip());
    }
    return new Created(pid, readInt(conmonPidFile));
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
