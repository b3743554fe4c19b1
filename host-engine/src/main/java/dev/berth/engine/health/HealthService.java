package dev.berth.engine.health;

import dev.berth.engine.containers.Container;
import dev.berth.engine.containers.ContainerHook;
import dev.berth.engine.errors.EngineException;
import dev.berth.engine.events.EventLog;
import dev.berth.engine.exec.ExecBackend;
import dev.berth.engine.exec.ExecContainer;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Health checks: a monitor per running container with a Healthcheck, started when the
 * container starts (or when the engine re-adopts it) and stopped when it exits. Each probe
 * runs after the interval, one at a time; results feed State.Health, ps' "(healthy)" and the
 * `health_status: ...` events. Paused containers are not probed.
 */
public final class HealthService implements ContainerHook {

  private static final Logger LOG = Logger.getLogger(HealthService.class.getName());

  private final ExecBackend containers;
  private final EventLog events;
  private final Map<String, Monitor> monitors = new ConcurrentHashMap<>();
  /** The last state of containers that stopped: inspect keeps showing it, as dockerd does. */
  private final Map<String, HealthState> last = new ConcurrentHashMap<>();
  private final AtomicLong probeIds = new AtomicLong();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "health-timer"));
  private final ExecutorService probes = Executors.newCachedThreadPool(r -> daemon(r, "health-probe"));

  public HealthService(ExecBackend containers, EventLog events) {
    this.containers = containers;
    this.events = events;
  }

  /** At engine start: monitors for the containers that kept running while it was down. */
  public void adopt(Iterable<Container> all) {
    for (Container c : all) {
      if (c.isRunning()) {
        started(c);
      }
    }
  }

  @Override
  public void validate(JsonObject config, JsonObject hostConfig, JsonObject networkingConfig) {
    HealthConfig.validate(config);
  }

  @Override
  public void started(Container c) {
    HealthConfig config = HealthConfig.of(c.config());
    if (config == null) {
      return;
    }
    Monitor m = new Monitor(c.id(), c.startedNano(), config);
    Monitor old = monitors.put(c.id(), m);
    if (old != null) {
      old.stop();
    }
    last.put(c.id(), m.state);
    m.schedule();
  }

  @Override
  public void released(Container c) {
    Monitor m = monitors.remove(c.id());
    if (m != null) {
      m.stop();
    }
  }

  @Override
  public void removed(Container c) {
    released(c);
    last.remove(c.id());
  }

  @Override
  public void describe(Container c, JsonObject inspect) {
    HealthState s = last.get(c.id());
    if (s != null) {
      inspect.getJsonObject("State").put("Health", s.toJson());
    }
  }

  /** " (healthy)", " (unhealthy)" or " (health: starting)" while a monitored container runs. */
  @Override
  public String statusSuffix(Container c) {
    Monitor m = monitors.get(c.id());
    if (m == null || !c.isRunning()) {
      return "";
    }
    String status = m.state.status();
    return status.equals(HealthState.STARTING) ? " (health: starting)" : " (" + status + ")";
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  /** The probes of one run of one container. */
  private final class Monitor {
    final String id;
    final long startedNano;
    final HealthConfig config;
    final HealthState state = new HealthState();
    private volatile boolean stopped;
    private volatile ScheduledFuture<?> next;

    Monitor(String id, long startedNano, HealthConfig config) {
      this.id = id;
      this.startedNano = startedNano;
      this.config = config;
    }

    void schedule() {
      if (!stopped) {
        next = timer.schedule(() -> probes.execute(this::probe), config.intervalNanos(), TimeUnit.NANOSECONDS);
      }
    }

    void stop() {
      stopped = true;
      ScheduledFuture<?> f = next;
      if (f != null) {
        f.cancel(false);
      }
    }

    private void probe() {
      try {
        ExecContainer c = containers.container(id);
        if (stopped || !c.running()) {
          return;
        }
        if (!c.paused()) {
          HealthState.Result r =
              HealthProbe.run(c, config.command(), config.timeoutNanos(), Long.toString(probeIds.incrementAndGet()));
          if (stopped) {
            return; // the container stopped while the probe ran: its result means nothing
          }
          boolean inStartPeriod = r.startNano() - startedNano < config.startPeriodNanos();
          String changed = state.record(r, config.retries(), inStartPeriod);
          if (changed != null) {
            events.publish("container", "health_status: " + changed, id, c.eventAttributes());
          }
        }
      } catch (EngineException e) {
        return; // removed
      } catch (RuntimeException e) {
        LOG.warning("health check of " + id + ": " + e.getMessage());
      }
      schedule();
    }
  }
}
