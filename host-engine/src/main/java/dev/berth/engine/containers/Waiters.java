package dev.berth.engine.containers;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Callers of /wait: completed with the exit code at the next exit, or at removal. */
final class Waiters {

  private final Map<String, List<CompletableFuture<Integer>>> exits = new HashMap<>();
  private final Map<String, List<CompletableFuture<Integer>>> removals = new HashMap<>();

  synchronized CompletableFuture<Integer> register(String id, boolean untilRemoved) {
    CompletableFuture<Integer> f = new CompletableFuture<>();
    (untilRemoved ? removals : exits).computeIfAbsent(id, k -> new ArrayList<>()).add(f);
    return f;
  }

  synchronized void cancel(String id, CompletableFuture<Integer> f) {
    for (Map<String, List<CompletableFuture<Integer>>> m : List.of(exits, removals)) {
      List<CompletableFuture<Integer>> l = m.get(id);
      if (l != null) {
        l.remove(f);
        if (l.isEmpty()) {
          m.remove(id);
        }
      }
    }
  }

  void exited(String id, int code) {
    List<CompletableFuture<Integer>> done;
    synchronized (this) {
      done = exits.remove(id);
    }
    if (done != null) {
      done.forEach(f -> f.complete(code));
    }
  }

  /** A removed container also ends waits for its exit: it will never exit again. */
  void removed(String id, int code) {
    List<CompletableFuture<Integer>> done = new ArrayList<>();
    synchronized (this) {
      List<CompletableFuture<Integer>> a = exits.remove(id);
      List<CompletableFuture<Integer>> b = removals.remove(id);
      if (a != null) {
        done.addAll(a);
      }
      if (b != null) {
        done.addAll(b);
      }
    }
    done.forEach(f -> f.complete(code));
  }
}
