package dev.berth.engine.containers;

import dev.berth.engine.api.compat.DockerTime;
import dev.berth.engine.errors.EngineException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/** POST /containers/prune: removes stopped containers, with dockerd's until and label filters. */
final class ContainerPrune {

  private ContainerPrune() {}

  static JsonObject prune(ContainerService s, Map<String, List<String>> filters) {
    for (String key : filters.keySet()) {
      if (!key.equals("until") && !key.equals("label") && !key.equals("label!")) {
        throw EngineException.invalidParameter("invalid filter '" + key + "'");
      }
    }
    long now = DockerTime.nowNano();
    Long until = null;
    for (String u : filters.getOrDefault("until", List.of())) {
      until = DockerTime.parseNano(u, now);
    }
    JsonArray deleted = new JsonArray();
    long reclaimed = 0;
    for (Container c : s.all()) {
      JsonObject labels = c.config().getJsonObject("Labels", new JsonObject());
      if (c.isRunning()
          || until != null && c.createdNano() >= until
          || !ContainerList.labelsMatch(labels, filters.get("label"))
          || excludedByLabel(labels, filters.get("label!"))) {
        continue;
      }
      long size = ContainerViews.upperSize(c);
      try {
        ContainerRemove.remove(s, c, false);
        deleted.add(c.id());
        reclaimed += size;
      } catch (EngineException e) {
        // started or removed meanwhile: not ours to prune
      }
    }
    s.events.publish("container", "prune", "", Map.of("reclaimed", Long.toString(reclaimed)));
    return new JsonObject()
        .put("ContainersDeleted", deleted.isEmpty() ? null : deleted)
        .put("SpaceReclaimed", reclaimed);
  }

  private static boolean excludedByLabel(JsonObject labels, List<String> notWanted) {
    if (notWanted == null) {
      return false;
    }
    for (String w : notWanted) {
      if (ContainerList.labelsMatch(labels, List.of(w))) {
        return true;
      }
    }
    return false;
  }
}
