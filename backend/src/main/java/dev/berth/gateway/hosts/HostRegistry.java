package dev.berth.gateway.hosts;

import dev.berth.gateway.http.ApiError;
import dev.berth.gateway.ops.HostStatusSource;
import dev.berth.gateway.policy.PolicySettings;
import dev.berth.gateway.store.Database;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The registered hosts: stored in the database, cached here, each connected to an engine
 * through DockerHostAccess, and checked periodically (/_ping and /version) so /health and
 * the API can say whether it is up without calling it.
 */
public final class HostRegistry implements HostStatusSource {

  private static final Logger LOG = Logger.getLogger(HostRegistry.class.getName());
  public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
  private static final long CHECK_TIMEOUT_SECONDS = 10;

  /** A host registered from configuration at start. */
  public record Seed(String id, String url) {
  }

  private final java.util.List<java.util.function.Consumer<String>> removedListeners =
      new java.util.concurrent.CopyOnWriteArrayList<>();
  private final java.util.List<java.util.function.Consumer<String>> repointedListeners =
      new java.util.concurrent.CopyOnWriteArrayList<>();
  private final Vertx vertx;
  private final HostStore store;
  private final DockerHostAccess engines;
  private final Duration checkInterval;
  private final Map<String, HostRecord> hosts = new ConcurrentHashMap<>();
  private final Map<String, HostStatus> statuses = new ConcurrentHashMap<>();
  private final Set<String> checking = ConcurrentHashMap.newKeySet();
  private long timer = -1;

  public HostRegistry(Vertx vertx, Database database, SecretBox secrets, DockerHostAccess engines,
                      Duration checkInterval) {
    this.vertx = vertx;
    this.store = new HostStore(database, secrets);
    this.engines = engines;
    this.checkInterval = checkInterval;
  }

  /** Registers the seeds (their url follows the configuration), loads all hosts, starts health checks. */
  public Future<Void> start(List<Seed> seeds) {
    List<HostRecord> seedRecords = new ArrayList<>();
    for (Seed seed : seeds) {
      if (!ID.matcher(seed.id()).matches()) {
        return Future.failedFuture(new IllegalArgumentException("hosts: '" + seed.id()
            + "' is not a valid host id (lower-case letters, digits and '-')"));
      }
      try {
        seedRecords.add(new HostRecord(seed.id(), seed.id(), HostConnection.parse(seed.url(), null), Map.of(),
            PolicySettings.ALL, System.currentTimeMillis()));
      } catch (IllegalArgumentException e) {
        return Future.failedFuture(new IllegalArgumentException("hosts." + seed.id() + ": " + e.getMessage()));
      }
    }
    Future<Void> seeded = Future.succeededFuture();
    for (HostRecord seed : seedRecords) {
      seeded = seeded.compose(v -> store.seed(seed));
    }
    return seeded.compose(v -> store.all()).map(all -> {
      all.forEach(this::connect);
      timer = vertx.setPeriodic(0, checkInterval.toMillis(), id -> checkAll());
      return null;
    });
  }

  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  public Optional<HostRecord> find(String id) {
    return Optional.ofNullable(hosts.get(id));
  }

  public List<HostRecord> all() {
    return hosts.values().stream().sorted(Comparator.comparing(HostRecord::id)).toList();
  }

  public HostStatus status(String id) {
    return statuses.getOrDefault(id, HostStatus.UNCHECKED);
  }

  /** Checks the engine first: nothing is stored unless /_ping and /version answer. */
  public Future<HostRecord> add(HostRecord host) {
    if (hosts.containsKey(host.id())) {
      return Future.failedFuture(ApiError.conflict("a host with id '" + host.id() + "' already exists"));
    }
    return probe(host.connection())
        .compose(info -> store.insert(host).map(v -> {
          connect(host);
          statuses.put(host.id(), HostStatus.up(info, System.currentTimeMillis()));
          return host;
        }));
  }

  /** Saves changed settings; a changed connection is checked before anything is stored. */
  public Future<HostRecord> update(HostRecord changed) {
    HostRecord current = hosts.get(changed.id());
    if (current == null) {
      return Future.failedFuture(ApiError.notFound("no such host: " + changed.id()));
    }
    boolean reconnect = !changed.connection().equals(current.connection());
    Future<EngineInfo> checked = reconnect ? probe(changed.connection()) : Future.succeededFuture(null);
    return checked.compose(info -> store.update(changed).map(v -> {
      if (reconnect) {
        connect(changed);
        statuses.put(changed.id(), HostStatus.up(info, System.currentTimeMillis()));
        repointedListeners.forEach(l -> l.accept(changed.id()));
      } else {
        hosts.put(changed.id(), changed);
      }
      return changed;
    }));
  }

  /** Runs after a host is removed (its grants went with it), e.g. to drop cached roles. */
  public void onRemoved(java.util.function.Consumer<String> listener) {
    removedListeners.add(listener);
  }

  /** Runs after a host's connection changed (another engine, other TLS material). */
  public void onRepointed(java.util.function.Consumer<String> listener) {
    repointedListeners.add(listener);
  }

  public Future<Void> remove(String id) {
    return store.delete(id).map(deleted -> {
      if (!deleted) {
        throw ApiError.notFound("no such host: " + id);
      }
      hosts.remove(id);
      statuses.remove(id);
      engines.unregister(id);
      removedListeners.forEach(l -> l.accept(id));
      return null;
    });
  }

  @Override
  public List<HostHealth> hostHealth() {
    return all().stream().map(h -> {
      HostStatus s = status(h.id());
      return new HostHealth(h.id(), s.up(), s.lastError(), s.checkedAt());
    }).toList();
  }

  /** Checks every host once; a host whose previous check still runs is skipped. */
  public Future<Void> checkAll() {
    List<Future<Void>> checks = new ArrayList<>();
    for (String id : hosts.keySet()) {
      if (checking.add(id)) {
        checks.add(check(id).eventually(() -> {
          checking.remove(id);
          return Future.succeededFuture();
        }));
      }
    }
    return Future.join(checks).mapEmpty();
  }

  private Future<Void> check(String id) {
    // a check that hangs (engine accepts but never answers) must not stop later checks
    return engines.check(id).timeout(CHECK_TIMEOUT_SECONDS, TimeUnit.SECONDS).transform(ar -> {
      long now = System.currentTimeMillis();
      HostStatus before = status(id);
      HostStatus after = ar.succeeded() ? HostStatus.up(ar.result(), now) : before.down(checkError(ar.cause()), now);
      if (hosts.containsKey(id)) {
        statuses.put(id, after);
      }
      if (before.up() != after.up() || before.checkedAt() == 0) {
        LOG.info("host " + id + " is " + (after.up() ? "up (engine " + after.engineVersion() + ")"
            : "down: " + after.lastError()));
      }
      return Future.succeededFuture();
    });
  }

  private static String checkError(Throwable e) {
    if (e instanceof HostUnreachableException) {
      return e.getMessage();
    }
    return e instanceof java.util.concurrent.TimeoutException || e.getClass().getSimpleName().contains("Timeout")
        ? "the engine did not answer /_ping within " + CHECK_TIMEOUT_SECONDS + " s" : "health check failed: " + e.getMessage();
  }

  private Future<EngineInfo> probe(HostConnection connection) {
    return engines.probe(connection).recover(e -> Future.failedFuture(
        ApiError.hostUnavailable(e instanceof HostUnreachableException ? e.getMessage()
            : "cannot reach the engine at " + connection.url() + ": " + e.getMessage())));
  }

  private void connect(HostRecord host) {
    engines.register(host.id(), host.connection());
    hosts.put(host.id(), host);
  }
}
