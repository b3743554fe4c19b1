package dev.berth.engine.containers;

import dev.berth.engine.api.JsonArrayStream;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * What the containers router needs. Every method blocks (runc, mounts, fsync): the router calls
 * them on worker threads. Failures are EngineExceptions with dockerd's status and wording.
 */
public interface ContainersBackend {

  /** @return the new container's id */
  String create(JsonObject body, String name);

  void start(String ref);

  void stop(String ref, Integer timeoutSeconds);

  void restart(String ref, Integer timeoutSeconds);

  void kill(String ref, String signal);

  void pause(String ref);

  void unpause(String ref);

  void rename(String ref, String newName);

  /** New limits and restart policy (Docker's update body); zero fields stay unchanged. */
  void update(String ref, JsonObject body);

  void remove(String ref, boolean force, boolean volumes);

  JsonObject inspect(String ref, boolean size);

  /** GET /containers/json?size=1: the entries with SizeRw and SizeRootFs. */
  JsonArray listWithSizes(boolean all, Integer limit, Map<String, List<String>> filters);

  /** The list without sizes, as entries ready to write (GET /containers/json's usual path). */
  List<? extends JsonArrayStream.Item> listEntries(boolean all, Integer limit, Map<String, List<String>> filters);

  /**
   * The same entries if they are ready without blocking (from current snapshots), else null.
   * Unlike the other methods, this one may be called on the event loop.
   */
  List<? extends JsonArrayStream.Item> readyListEntries(boolean all, Integer limit, Map<String, List<String>> filters);

  JsonObject top(String ref, String psArgs);

  /** Removes the stopped containers that match: {"ContainersDeleted": [...], "SpaceReclaimed": N}. */
  JsonObject prune(Map<String, List<String>> filters);

  /** A pending wait. */
  interface Wait {
    CompletableFuture<Integer> result();

    /** The client went away: forget this wait. */
    void cancel();
  }

  /** Validates at once (404, 400); the result completes with the exit code. */
  Wait waitFor(String ref, String condition);
}
