package dev.berth.engine.containers;

import dev.berth.engine.errors.EngineException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** {@link ContainersBackend} over the container service: resolves references, runs the verbs. */
public final class ContainerOperations implements ContainersBackend {

  private final ContainerService s;

  public ContainerOperations(ContainerService service) {
    this.s = service;
  }

  @Override
  public String create(JsonObject body, String name) {
    return ContainerCreate.create(s, body, name).id();
  }

  @Override
  public void start(String ref) {
    ContainerStart.start(s, s.get(ref));
  }

  @Override
  public void stop(String ref, Integer timeoutSeconds) {
    ContainerStop.stop(s, s.get(ref), timeoutSeconds);
  }

  @Override
  public void restart(String ref, Integer timeoutSeconds) {
    ContainerStop.restart(s, s.get(ref), timeoutSeconds);
  }

  @Override
  public void kill(String ref, String signal) {
    ContainerStop.kill(s, s.get(ref), signal, ref);
  }

  @Override
  public void pause(String ref) {
    ContainerPause.pause(s, s.get(ref));
  }

  @Override
  public void unpause(String ref) {
    ContainerPause.unpause(s, s.get(ref));
  }

  @Override
  public void rename(String ref, String newName) {
    ContainerRename.rename(s, s.get(ref), newName);
  }

  /** With {@code volumes}, the volumes hook removes the container's anonymous volumes too. */
  @Override
  public void update(String ref, JsonObject body) {
    ContainerUpdate.update(s, s.get(ref), body);
  }

  @Override
  public void remove(String ref, boolean force, boolean volumes) {
    Container c = s.get(ref);
    if (volumes) {
      c.markRemoveVolumes();
    }
    ContainerRemove.remove(s, c, force);
  }

  @Override
  public JsonObject inspect(String ref, boolean size) {
    Container c = s.get(ref);
    JsonObject inspect = ContainerViews.inspect(c, size);
    s.hooks.describe(c, inspect);
    return inspect;
  }

  @Override
  public JsonArray listWithSizes(boolean all, Integer limit, Map<String, List<String>> filters) {
    return ContainerList.listWithSizes(s, all, limit, filters);
  }

  @Override
  public List<SummarySnapshots.Listed> readyListEntries(boolean all, Integer limit, Map<String, List<String>> filters) {
    return ContainerList.readyEntries(s, all, limit, filters);
  }

  @Override
  public List<SummarySnapshots.Listed> listEntries(boolean all, Integer limit, Map<String, List<String>> filters) {
    return ContainerList.entries(s, all, limit, filters);
  }

  @Override
  public JsonObject top(String ref, String psArgs) {
    return ContainerTop.top(s, s.get(ref), psArgs);
  }

  @Override
  public JsonObject prune(Map<String, List<String>> filters) {
    return ContainerPrune.prune(s, filters);
  }

  @Override
  public Wait waitFor(String ref, String condition) {
    String cond = condition == null || condition.isEmpty() ? "not-running" : condition;
    if (!List.of("not-running", "next-exit", "removed").contains(cond)) {
      throw EngineException.invalidParameter("invalid condition: \"" + cond + "\"");
    }
    Container c = s.get(ref);
    CompletableFuture<Integer> f;
    // status changes before the waiters are completed, so checking under the waiters' lock
    // can neither miss an exit nor see one twice
    synchronized (s.waiters) {
      if (cond.equals("not-running") && !c.isRunning()) {
        f = CompletableFuture.completedFuture(c.exitCode());
      } else {
        f = s.waiters.register(c.id(), cond.equals("removed"));
      }
    }
    CompletableFuture<Integer> result = f;
    return new Wait() {
      @Override
      public CompletableFuture<Integer> result() {
        return result;
      }

      @Override
      public void cancel() {
        s.waiters.cancel(c.id(), result);
      }
    };
  }
}
