package dev.berth.engine.containers;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One container: its fixed definition (id, Config, HostConfig, image) and its mutable state.
 *
 * <p>Contract for other packages (streams, exec): read through the accessors; never mutate.
 * {@link #id()}, {@link #tty()}, {@link #openStdin()}, {@link #stdinOnce()}, {@link #config()}
 * never change. {@link #name()} changes on rename. State ({@link #status()}, {@link #pid()},
 * {@link #exitCode()}) changes only under {@link #lock()}, held by ContainerService while an
 * operation runs, so concurrent operations on one container are serialised. Paths:
 * {@link #bundleDir()} holds config.json and conmon's {@link #attachSocketPath()} and
 * {@link #ctlFifoPath()} while the container runs; {@link #logPath()} is conmon's k8s-file
 * log and survives restarts of the container and of the engine.
 */
public final class Container {

  public static final String CREATED = "created";
  public static final String RUNNING = "running";
  public static final String PAUSED = "paused";
  public static final String RESTARTING = "restarting";
  public static final String REMOVING = "removing";
  public static final String EXITED = "exited";
  public static final String DEAD = "dead";

  private final String id;
  private final long createdNano;
  private final JsonObject config;
  private final JsonObject hostConfig;
  private final String imageId;
  private final String path;
  private final List<String> args;
  private final List<Path> lowerDirs;
  private final Path dataDir;
  private final Path bundleDir;
  private final Path attachSocket;
  private final Path ctlFifo;
  private final ReentrantLock lock = new ReentrantLock();
  private final AttachGate attachGate = new AttachGate();

  private volatile String name;
  private volatile String status = CREATED;
  private volatile int pid;
  private volatile int monitorPid;
  private volatile int exitCode;
  private volatile String error = "";
  private volatile long startedNano;
  private volatile long finishedNano;
  private volatile boolean oomKilled;
  private volatile int restartCount;
  /** Set by a user's stop or kill: restart policies wait for the next start (moby's flag). */
  private volatile boolean manuallyStopped;
  private volatile boolean removeVolumes;
  /** Completed when conmon records the exit of the current run (set at each start). */
  private volatile CompletableFuture<Void> exitSignal = CompletableFuture.completedFuture(null);

  Container(
      String id,
      String name,
      long createdNano,
      JsonObject config,
      JsonObject hostConfig,
      String imageId,
      String path,
      List<String> args,
      List<Path> lowerDirs,
      Path dataDir,
      Path bundleDir,
      Path attachSocket,
      Path ctlFifo) {
    this.id = id;
    this.name = name;
    this.createdNano = createdNano;
    this.config = config;
    this.hostConfig = hostConfig;
    this.imageId = imageId;
    this.path = path;
    this.args = List.copyOf(args);
    this.lowerDirs = List.copyOf(lowerDirs);
    this.dataDir = dataDir;
    this.bundleDir = bundleDir;
    this.attachSocket = attachSocket;
    this.ctlFifo = ctlFifo;
  }

  public String id() {
    return id;
  }

  /** The name without the leading slash. */
  public String name() {
    return name;
  }

  public boolean tty() {
    return config.getBoolean("Tty", false);
  }

  public boolean openStdin() {
    return config.getBoolean("OpenStdin", false);
  }

  public boolean stdinOnce() {
    return config.getBoolean("StdinOnce", false);
  }

  /** Docker's Config (merged with the image's). A copy: callers cannot change the container. */
  public JsonObject config() {
    return config.copy();
  }

  public JsonObject hostConfig() {
    return hostConfig.copy();
  }

  /** Config itself, for hot read-only paths here (listing 500 containers): never mutate it. */
  JsonObject configView() {
    return config;
  }

  /** HostConfig itself, for hot read-only paths here: never mutate it. */
  JsonObject hostConfigView() {
    return hostConfig;
  }

  /** Config.ExposedPorts' keys ("80/tcp") without copying Config: every list reads them per container. */
  public java.util.Set<String> exposedPorts() {
    JsonObject ports = config.getJsonObject("ExposedPorts");
    return ports == null ? java.util.Set.of() : java.util.Collections.unmodifiableSet(ports.fieldNames());
  }

  /** HostConfig.NetworkMode without copying HostConfig: every list reads it per container. */
  public String networkMode() {
    return hostConfig.getString("NetworkMode", "default");
  }

  public String imageId() {
    return imageId;
  }

  /** The image reference the user asked for (Config.Image). */
  public String imageRef() {
    return config.getString("Image", imageId);
  }

  public String path() {
    return path;
  }

  public List<String> args() {
    return args;
  }

  public long createdNano() {
    return createdNano;
  }

  public String status() {
    return status;
  }

  public boolean isRunning() {
    String s = status;
    return s.equals(RUNNING) || s.equals(PAUSED);
  }

  /** Host pid of the container's init process, 0 when not running. */
  public int pid() {
    return pid;
  }

  public int monitorPid() {
    return monitorPid;
  }

  public int exitCode() {
    return exitCode;
  }

  public String error() {
    return error;
  }

  public long startedNano() {
    return startedNano;
  }

  public long finishedNano() {
    return finishedNano;
  }

  public boolean oomKilled() {
    return oomKilled;
  }

  public int restartCount() {
    return restartCount;
  }

  public boolean hasBeenManuallyStopped() {
    return manuallyStopped;
  }

  public List<Path> lowerDirs() {
    return lowerDirs;
  }

  /** The container's folder under the data root: state, etc files, log, overlay dirs. */
  public Path dataDir() {
    return dataDir;
  }

  /** The OCI bundle (config.json, conmon's attach socket and ctl FIFO), under the exec root. */
  public Path bundleDir() {
    return bundleDir;
  }

  public Path attachSocketPath() {
    return attachSocket;
  }

  public Path ctlFifoPath() {
    return ctlFifo;
  }

  public Path logPath() {
    return dataDir.resolve("container.log");
  }

  public Path rootfsDir() {
    return dataDir.resolve("rootfs");
  }

  /** The overlay's upper dir: what the container changed (commit tars it). */
  public Path upperDir() {
    return dataDir.resolve("diff");
  }

  /** True once `docker rm -v` asked to remove the container's anonymous volumes with it. */
  public boolean removesVolumes() {
    return removeVolumes;
  }

  void markRemoveVolumes() {
    removeVolumes = true;
  }

  public Path hostnamePath() {
    return dataDir.resolve("hostname");
  }

  public Path hostsPath() {
    return dataDir.resolve("hosts");
  }

  public Path resolvConfPath() {
    return dataDir.resolve("resolv.conf");
  }

  /** Held by ContainerService for every state change of this container. */
  ReentrantLock lock() {
    return lock;
  }

  AttachGate attachGate() {
    return attachGate;
  }

  CompletableFuture<Void> exitSignal() {
    return exitSignal;
  }

  void armExitSignal() {
    exitSignal = new CompletableFuture<>();
  }

  void rename(String newName) {
    name = newName;
  }

  void markStarted(int pid, int monitorPid, long startedNano) {
    this.status = RUNNING;
    this.pid = pid;
    this.monitorPid = monitorPid;
    this.startedNano = startedNano;
    this.exitCode = 0;
    this.error = "";
    this.oomKilled = false;
  }

  void markExited(int exitCode, long finishedNano, String error) {
    this.status = EXITED;
    this.pid = 0;
    this.monitorPid = 0;
    this.exitCode = exitCode;
    this.finishedNano = finishedNano;
    this.error = error;
  }

  /** A start that failed: the container stays created, with the error and exit code. */
  void markStartFailed(int exitCode, String error) {
    this.status = startedNano > 0 ? EXITED : CREATED;
    this.pid = 0;
    this.monitorPid = 0;
    this.exitCode = exitCode;
    this.error = error;
  }

  void setStatus(String status) {
    this.status = status;
  }

  /** An exit that the restart policy answers with a new start after a delay. */
  void markRestarting(int exitCode, long finishedNano, String error) {
    markExited(exitCode, finishedNano, error);
    this.status = RESTARTING;
    restartCount++;
  }

  void markOomKilled() {
    this.oomKilled = true;
  }

  void setManuallyStopped(boolean stopped) {
    this.manuallyStopped = stopped;
  }

  /** A start by the user: the policy's retries and a manual stop are forgotten (moby). */
  void resetRestarts() {
    this.restartCount = 0;
    this.manuallyStopped = false;
  }

  /** Docker's `update`: merges new resource limits or restart policy into HostConfig. */
  void updateHostConfig(JsonObject changes) {
    hostConfig.mergeIn(changes);
  }

  /** The persisted form (state JSON). */
  JsonObject toJson() {
    JsonArray lowers = new JsonArray();
    lowerDirs.forEach(p -> lowers.add(p.toString()));
    return new JsonObject()
        .put("Id", id)
        .put("Name", name)
        .put("Created", createdNano)
        .put("Config", config)
        .put("HostConfig", hostConfig)
        .put("Image", imageId)
        .put("Path", path)
        .put("Args", new JsonArray(new ArrayList<>(args)))
        .put("LowerDirs", lowers)
        .put("RestartCount", restartCount)
        .put("HasBeenManuallyStopped", manuallyStopped)
        .put(
            "State",
            new JsonObject()
                .put("Status", status)
                .put("Pid", pid)
                .put("MonitorPid", monitorPid)
                .put("ExitCode", exitCode)
                .put("Error", error)
                .put("StartedAt", startedNano)
                .put("FinishedAt", finishedNano)
                .put("OOMKilled", oomKilled));
  }

  static Container fromJson(JsonObject j, Path dataDir, Path bundleDir, Path attachSocket, Path ctlFifo) {
    List<String> args = new ArrayList<>();
    j.getJsonArray("Args", new JsonArray()).forEach(a -> args.add(String.valueOf(a)));
    List<Path> lowers = new ArrayList<>();
    j.getJsonArray("LowerDirs", new JsonArray()).forEach(p -> lowers.add(Path.of(String.valueOf(p))));
    Container c =
        new Container(
            j.getString("Id"),
            j.getString("Name"),
            j.getLong("Created", 0L),
            j.getJsonObject("Config", new JsonObject()),
            j.getJsonObject("HostConfig", new JsonObject()),
            j.getString("Image", ""),
            j.getString("Path", ""),
            args,
            lowers,
            dataDir,
            bundleDir,
            attachSocket,
            ctlFifo);
    JsonObject s = j.getJsonObject("State", new JsonObject());
    c.status = s.getString("Status", CREATED);
    c.pid = s.getInteger("Pid", 0);
    c.monitorPid = s.getInteger("MonitorPid", 0);
    c.exitCode = s.getInteger("ExitCode", 0);
    c.error = s.getString("Error", "");
    c.startedNano = s.getLong("StartedAt", 0L);
    c.finishedNano = s.getLong("FinishedAt", 0L);
    c.oomKilled = s.getBoolean("OOMKilled", false);
    c.restartCount = j.getInteger("RestartCount", 0);
    c.manuallyStopped = j.getBoolean("HasBeenManuallyStopped", false);
    return c;
  }
}
