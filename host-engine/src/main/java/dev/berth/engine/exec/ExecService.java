package dev.berth.engine.exec;

import dev.berth.engine.errors.EngineException;
import dev.berth.engine.events.EventLog;
import dev.berth.engine.streams.DetachKeys;
import dev.berth.engine.streams.Sink;
import dev.berth.engine.streams.StdFrames;
import dev.berth.engine.streams.StreamTarget;
import dev.berth.engine.streams.TtyResize;
import dev.berth.engine.util.Ids;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Exec instances: create, start (through conmon), inspect and resize. */
public final class ExecService {

  private static final Logger LOG = Logger.getLogger(ExecService.class.getName());

  private final ExecBackend containers;
  private final EventLog events;
  private final Path execDirs;
  private final Map<String, ExecInstance> instances = new ConcurrentHashMap<>();

  /** @param execDirs where each exec's conmon bundle goes (kept short: socket paths) */
  public ExecService(ExecBackend containers, EventLog events, Path execDirs) {
    this.containers = containers;
    this.events = events;
    this.execDirs = execDirs;
  }

  public String create(String containerRef, ExecConfig config) {
    ExecContainer c = containers.container(containerRef);
    if (config.cmd == null || config.cmd.isEmpty()) {
      throw EngineException.invalidParameter("No exec command specified");
    }
    if (config.detachKeys != null && !config.detachKeys.isEmpty()) {
      try {
        DetachKeys.parse(config.detachKeys);
      } catch (EngineException e) {
        throw EngineException.invalidParameter("Invalid escape keys (" + config.detachKeys + ") provided");
      }
    }
    if (!c.running()) {
      throw EngineException.conflict("Container " + c.id() + " is not running");
    }
    if (c.paused()) {
      throw EngineException.conflict("Container " + c.id() + " is paused, unpause the container before exec");
    }
    String id = Ids.random64();
    ExecInstance exec = new ExecInstance(id, c.id(), config);
    instances.put(id, exec);
    events.publish("container", "exec_create: " + exec.commandLine(), c.id(), attributes(c, exec));
    return id;
  }

  /** A container's exit ends its exec instances too, as in dockerd: they are forgotten. */
  public void forgetContainer(String containerId) {
    instances.values().removeIf(exec -> exec.containerId().equals(containerId));
  }

  public ExecInstance get(String id) {
    ExecInstance exec = instances.get(id);
    if (exec == null) {
      throw EngineException.notFound("No such exec instance: " + id);
    }
    return exec;
  }

  /** Checks, before any stream byte, that the exec can start; returns its container. */
  public ExecContainer claim(ExecInstance exec) {
    if (exec.hasRun()) {
      throw EngineException.conflict("Error: Exec command " + exec.id() + " has already run");
    }
    ExecContainer c = containers.container(exec.containerId());
    if (!c.running()) {
      throw EngineException.conflict("Container " + c.id() + " is not running");
    }
    if (!exec.claim()) {
      throw EngineException.conflict("Error: Exec command " + exec.id() + " is already running");
    }
    return c;
  }

  /**
   * Runs a claimed exec; blocks until the process runs (or failed to). With a client, the
   * attach callback receives the stream target before the process starts, so no output is
   * lost; runtime errors then go to the client in-band, as dockerd writes them. Returns null,
   * or the error when the process could not start.
   */
  public String run(ExecContainer c, ExecInstance exec, int height, int width, Consumer<StreamTarget> attach, Sink client) {
    ConmonExec process = new ConmonExec(execDirs.resolve(exec.id().substring(0, 12)));
    exec.process(process);
    Map<String, String> attrs = attributes(c, exec);
    ExecStreamTarget target = new ExecStreamTarget(exec, process, attrs);
    try {
      process.launch(c, exec.id(), ExecProcessSpec.build(c, exec.config(), height, width), exec.config().tty, exec.config().attachStdin && client != null);
      if (attach != null) {
        attach.accept(target);
        target.attachNow();
      }
      events.publish("container", "exec_start: " + exec.commandLine(), c.id(), attrs);
      process.go();
      ConmonExec.Report pid = process.awaitPid();
      if (pid.value() <= 0) {
        process.close();
        return fail(exec, attrs, client, pid.message());
      }
      exec.markStarted(pid.value());
      Thread waiter =
          new Thread(
              () -> {
                try {
                  ConmonExec.Report exit = process.awaitExit();
                  finish(exec, attrs, exit.value() < 0 ? 126 : exit.value());
                } catch (IOException e) {
                  finish(exec, attrs, 126);
                } finally {
                  process.close();
                }
              },
              "exec-wait-" + exec.id().substring(0, 12));
      waiter.setDaemon(true);
      waiter.start();
      return null;
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "exec " + exec.id() + " failed", e);
      process.close();
      return fail(exec, attrs, client, e.getMessage());
    }
  }

  /**
   * dockerd 20.10 (the reference here) reports 126 for any process that could not start. The
   * message goes out first, then the exit code is recorded, then the stream ends: the CLI reads
   * the code as soon as the stream ends.
   */
  private String fail(ExecInstance exec, Map<String, String> attrs, Sink client, String message) {
    String text = "OCI runtime exec failed: " + runtimeMessage(message) + ": unknown";
    if (client != null) {
      byte[] bytes = (text + "\r\n").getBytes(StandardCharsets.UTF_8);
      client.write(exec.config().tty ? Buffer.buffer(bytes) : StdFrames.frame(StdFrames.STDOUT, bytes));
    }
    finish(exec, attrs, 126);
    if (client != null) {
      // nothing ran, so no output can follow (and no session may exist to end the stream)
      client.end();
    }
    return text;
  }

  private static final Pattern LOGRUS_MSG = Pattern.compile("msg=\"((?:[^\"\\\\]|\\\\.)*)\"");

  /** runc's log line (time=... level=error msg="...") reduced to its message, as containerd relays it. */
  static String runtimeMessage(String raw) {
    if (raw == null) {
      return "";
    }
    Matcher m = LOGRUS_MSG.matcher(raw);
    return m.find() ? m.group(1).replace("\\\"", "\"").replace("\\\\", "\\") : raw.strip();
  }

  private void finish(ExecInstance exec, Map<String, String> attrs, int code) {
    exec.markExited(code);
    Map<String, String> die = new HashMap<>(attrs);
    die.put("exitCode", Integer.toString(code));
    events.publish("container", "exec_die", exec.containerId(), die);
  }

  /** Resizes the exec's TTY once it runs (the CLI resizes right after start). Blocking. */
  public void resize(ExecInstance exec, int height, int width) {
    try {
      exec.started().get(10, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw EngineException.conflict("timeout waiting for exec session ready");
    } catch (java.util.concurrent.ExecutionException e) {
      throw EngineException.conflict("exec " + exec.id() + " is not running");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw EngineException.system("interrupted", e);
    }
    ConmonExec process = exec.process();
    if (process == null || exec.hasRun() || !exec.config().tty) {
      return;
    }
    TtyResize.write(process.ctlFifo(), height, width);
  }

  private static Map<String, String> attributes(ExecContainer c, ExecInstance exec) {
    Map<String, String> attrs = new HashMap<>(c.eventAttributes());
    attrs.put("execID", exec.id());
    return attrs;
  }

}
