package dev.berth.engine.containers;

import dev.berth.engine.errors.EngineException;
import dev.berth.engine.events.EventLog;
import dev.berth.engine.images.ImageLookup;
import dev.berth.engine.runtime.OciRuntime;
import dev.berth.engine.system.SystemBackend;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The engine's containers: registry, id/name resolution, per-container serialisation, events,
 * and the hooks other packages use. The verbs live in their own classes (ContainerCreate,
 * ContainerStart, ContainerStop, ...).
 *
 * <p>Contracts for other packages:
 *
 * <ul>
 *   <li>{@link #get(String)} resolves a full id, a unique id prefix or a name (with or without
 *       the slash), like dockerd, and throws EngineException "No such container: x" (404).
 *   <li>{@link #whenAttachable(Container, Runnable)}: {@code ready} runs once conmon's attach
 *       socket exists and before the process runs (after {@code runc create}, before {@code
 *       runc start}), or at once when the container runs already. The start waits for it.
 *   <li>{@link #addStartListener} listeners run at the same point, for every start.
 *   <li>{@link #addExitListener} listeners run after an exit is recorded (state "exited",
 *       ExitCode set), before AutoRemove, on a background thread.
 * </ul>
 *
 * <p>Every method may block (it runs runc, mounts, fsyncs): call it from a worker thread.
 */
public final class ContainerService implements ImageLookup.Usage {

  private static final Logger LOG = Logger.getLogger(ContainerService.class.getName());

  final ImageLookup images;
  final EventLog events;
  final OciRuntime runtime;
  final ContainerStore store;

  private final Map<String, Container> byId = new ConcurrentHashMap<>();
  /** Bumped after every register and unregister: {@link #all()}'s sorted list is kept until it changes. */
  private final java.util.concurrent.atomic.AtomicLong membership = new java.util.concurrent.atomic.AtomicLong();
  private volatile NewestFirst newestFirst = new NewestFirst(-1, List.of());

  private record NewestFirst(long membership, List<Container> containers) {
  }

  private final Map<String, String> idByName = new HashMap<>();
  private final List<Consumer<Container>> startListeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<Container>> exitListeners = new CopyOnWriteArrayList<>();
  final Waiters waiters = new Waiters();
  final ContainerHooks hooks = new ContainerHooks();
  final SummarySnapshots summaries = new SummarySnapshots(hooks);
  final RestartSupervisor restarts = new RestartSupervisor(this);
  private final MonitorWatchdog watchdog = new MonitorWatchdog(this);
  final ExecutorService background =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "containers-bg");
            t.setDaemon(true);
            return t;
          });

  public ContainerService(
      java.nio.file.Path dataRoot, java.nio.file.Path execRoot, ImageLookup images, EventLog events, OciRuntime runtime)
      throws IOException {
    this.images = images;
    this.events = events;
    this.runtime = runtime;
    this.store =
        new ContainerStore(
            dataRoot,
            execRoot,
            new ContainerStore.OciRuntimeLocator() {
              @Override
              public java.nio.file.Path attachSocket(java.nio.file.Path bundle) {
                return runtime.attachSocket(bundle);
              }

              @Override
              public java.nio.file.Path ctlFifo(java.nio.file.Path bundle) {
                return runtime.ctlFifo(bundle);
              }
            });
    new ContainerReconcile(this).run();
    runtime.watchExits(this::onMonitorExit);
    // exits that happened between the reconcile and the watch
    for (Container c : all()) {
      if (c.isRunning() && runtime.exitCode(c.id()).isPresent()) {
        onMonitorExit(c.id());
      }
    }
    watchdog.start();
  }

  /**
   * The engine is ready (every hook registered): restarts held back since the reconcile may
   * run, and containers whose restart policy asks for it are started again, in the background.
   */
  public void startupDone() {
    restarts.startupDone();
  }

  // --- resolution ---

  public Container get(String ref) {
    Container c = find(ref);
    if (c == null) {
      throw EngineException.noSuchContainer(ref);
    }
    return c;
  }

  /** dockerd's order: full id, then name, then unique id prefix. */
  Container find(String ref) {
    if (ref == null || ref.isEmpty()) {
      return null;
    }
    Container c = byId.get(ref);
    if (c != null) {
      return c;
    }
    String name = ref.startsWith("/") ? ref.substring(1) : ref;
    synchronized (idByName) {
      String id = idByName.get(name);
      if (id != null) {
        return byId.get(id);
      }
    }
    if (!ref.matches("[0-9a-f]+")) {
      return null;
    }
    Container match = null;
    for (Container x : byId.values()) {
      if (x.id().startsWith(ref)) {
        if (match != null) {
          throw EngineException.invalidParameter("multiple IDs found with provided prefix: " + ref);
        }
        match = x;
      }
    }
    return match;
  }

  /** How many containers there are. */
  int count() {
    return byId.size();
  }

  /**
   * Newest first, as /containers/json lists them; unmodifiable. Sorted again only after a
   * container came or went (every list reads it, and sorting 500 containers was a third of a
   * list's time). The count is read before the containers, so a change made meanwhile is sorted
   * in at the next call.
   */
  public List<Container> all() {
    long now = membership.get();
    NewestFirst kept = newestFirst;
    if (kept.membership() == now) {
      return kept.containers();
    }
    List<Container> out = new ArrayList<>(byId.values());
    out.sort(Comparator.comparingLong(Container::createdNano).reversed());
    List<Container> sorted = java.util.Collections.unmodifiableList(out);
    newestFirst = new NewestFirst(now, sorted);
    return sorted;
  }

  // --- names ---

  /** Reserves a name for an id; 409 with dockerd's message when another container has it. */
  void reserveName(String name, String id) {
    synchronized (idByName) {
      String holder = idByName.get(name);
      if (holder != null && !holder.equals(id)) {
        throw EngineException.conflict(
            "Conflict. The container name \"/" + name + "\" is already in use by container \"" + holder
                + "\". You have to remove (or rename) that container to be able to reuse that name.");
      }
      idByName.put(name, id);
    }
  }

  void releaseName(String name, String id) {
    synchronized (idByName) {
      idByName.remove(name, id);
    }
  }

  boolean nameTaken(String name) {
    synchronized (idByName) {
      return idByName.containsKey(name);
    }
  }

  void register(Container c) {
    byId.put(c.id(), c);
    membership.incrementAndGet();
  }

  void unregister(Container c) {
    byId.remove(c.id());
    membership.incrementAndGet();
    summaries.forget(c.id());
    releaseName(c.name(), c.id());
  }

  // --- serialisation ---

  <T> T locked(Container c, Supplier<T> op) {
    c.lock().lock();
    try {
      return op.get();
    } finally {
      c.lock().unlock();
    }
  }

  void save(Container c) {
    try {
      store.save(c);
    } catch (IOException e) {
      throw EngineException.system("cannot save the state of container " + c.id() + ": " + e.getMessage(), e);
    }
  }

  /** Work on a root filesystem that may throw; see {@link #withRootfs}. */
  public interface RootfsWork<T> {
    T run(java.nio.file.Path rootfs) throws IOException;
  }

  /**
   * Runs {@code work} on the container's mounted root filesystem under its lock (so no start or
   * stop interleaves); a stopped container's rootfs is mounted for the call and unmounted after.
   */
  public <T> T withRootfs(Container c, RootfsWork<T> work) throws IOException {
    c.lock().lock();
    try {
      boolean wasMounted = Rootfs.isMounted(c.rootfsDir());
      if (!wasMounted) {
        Rootfs.mount(c);
      }
      try {
        return work.run(c.rootfsDir());
      } finally {
        if (!wasMounted && !c.isRunning()) {
          Rootfs.unmount(c);
        }
      }
    } finally {
      c.lock().unlock();
    }
  }

  /** The uid and gid that {@code user} ("name[:group]" or numbers) means in the container's mounted rootfs. */
  public int[] userIds(Container c, String user) {
    UserResolver.User u = UserResolver.resolve(user, c.rootfsDir());
    return new int[] {u.uid(), u.gid()};
  }

  // --- hooks ---

  /** Registers a hook; call before the engine serves requests. */
  public void addHook(ContainerHook hook) {
    hooks.add(hook);
  }

  public void addStartListener(Consumer<Container> listener) {
    startListeners.add(listener);
  }

  public void addExitListener(Consumer<Container> listener) {
    exitListeners.add(listener);
  }

  public Runnable whenAttachable(Container c, Runnable ready) {
    return c.attachGate().register(ready);
  }

  void fireStart(Container c) {
    c.attachGate().open();
    for (Consumer<Container> l : startListeners) {
      l.accept(c);
    }
  }

  void fireExit(Container c) {
    for (Consumer<Container> l : exitListeners) {
      try {
        l.accept(c);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "exit listener of " + c.id(), e);
      }
    }
  }

  // --- events ---

  public Map<String, String> eventAttributes(Container c) {
    Map<String, String> attrs = new HashMap<>();
    c.config().getJsonObject("Labels", new io.vertx.core.json.JsonObject()).forEach(e -> attrs.put(e.getKey(), String.valueOf(e.getValue())));
    attrs.put("image", c.imageRef());
    attrs.put("name", c.name());
    return attrs;
  }

  void publish(Container c, String action, Map<String, String> extra) {
    Map<String, String> attrs = eventAttributes(c);
    attrs.putAll(extra);
    events.publish("container", action, c.id(), attrs);
  }

  // --- exits ---

  /** conmon recorded an exit: wake a waiting stop at once, then record it under the lock. */
  private void onMonitorExit(String id) {
    Container c = byId.get(id);
    if (c == null) {
      return; // not a container: conmon's temp file before its rename, or one just removed
    }
    if (runtime.exitCode(id).isEmpty()) {
      return; // a late event of an earlier run, whose exit file a new start has cleared
    }
    c.exitSignal().complete(null);
    background.execute(() -> locked(c, () -> { ContainerExit.record(this, c); return null; }));
  }

  // --- queries for other parts of the engine ---

  @Override
  public List<User> containersUsing(String imageId) {
    List<User> out = new ArrayList<>();
    for (Container c : byId.values()) {
      if (c.imageId().equals(imageId)) {
        out.add(new User(c.id(), c.isRunning()));
      }
    }
    return out;
  }

  public SystemBackend.ContainerCounts counts() {
    int running = 0;
    int paused = 0;
    int stopped = 0;
    for (Container c : byId.values()) {
      switch (c.status()) {
        case Container.RUNNING -> running++;
        case Container.PAUSED -> paused++;
        default -> stopped++;
      }
    }
    return new SystemBackend.ContainerCounts(running + paused + stopped, running, paused, stopped);
  }
}
