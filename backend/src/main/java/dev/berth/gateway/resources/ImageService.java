package dev.berth.gateway.resources;

import dev.berth.gateway.hosts.EngineRequest;
import dev.berth.gateway.hosts.EngineStream;
import dev.berth.gateway.hosts.HostAccess;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Map;

/** Image operations on one host. */
public final class ImageService {

  /** base64url("{}"): anonymous registry access, which engines expect on every pull. */
  private static final String NO_REGISTRY_AUTH = "e30=";

  private final EngineCalls engine;

  public ImageService(HostAccess access) {
    this.engine = new EngineCalls(access);
  }

  /** {items: [{id, repoTags, repoDigests, created, size, labels, containers}], total}. */
  public Future<JsonObject> list(String hostId, boolean all) {
    return engine.array(hostId, EngineRequest.get("/images/json").param("all", all ? "1" : null)).map(list -> {
      JsonArray items = new JsonArray();
      for (Object o : list) {
        JsonObject i = (JsonObject) o;
        items.add(new JsonObject()
            .put("id", i.getString("Id"))
            .put("repoTags", Json.array(i, "RepoTags"))
            .put("repoDigests", Json.array(i, "RepoDigests"))
            .put("created", i.getLong("Created", 0L))
            .put("size", i.getLong("Size", 0L))
            .put("labels", Json.object(i, "Labels"))
            .put("containers", i.getLong("Containers", -1L)));
      }
      return new JsonObject().put("items", items).put("total", items.size());
    });
  }

  /** The engine's inspect document, unchanged. */
  public Future<JsonObject> inspect(String hostId, String ref) {
    return engine.object(hostId, EngineRequest.get("/images/" + Ids.image(ref) + "/json"));
  }

  /** Starts a pull; the stream carries the engine's progress messages (JSON, one per line). */
  public Future<EngineStream> pull(String hostId, String image, String tag) {
    return engine.stream(hostId, EngineRequest.post("/images/create")
        .param("fromImage", Ids.image(image)).param("tag", tag)
        .header("X-Registry-Auth", NO_REGISTRY_AUTH));
  }

  public Future<Void> tag(String hostId, String ref, String repo, String tag) {
    return engine.run(hostId, EngineRequest.post("/images/" + Ids.image(ref) + "/tag")
        .param("repo", Ids.image(repo)).param("tag", tag));
  }

  /** {untagged: [...], deleted: [...]}. */
  public Future<JsonObject> remove(String hostId, String ref, boolean force, boolean noPrune) {
    return engine.array(hostId, EngineRequest.delete("/images/" + Ids.image(ref))
        .param("force", force ? "1" : null).param("noprune", noPrune ? "1" : null)).map(list -> {
      JsonArray untagged = new JsonArray();
      JsonArray deleted = new JsonArray();
      for (Object o : list) {
        JsonObject item = (JsonObject) o;
        if (item.getString("Untagged") != null) {
          untagged.add(item.getString("Untagged"));
        }
        if (item.getString("Deleted") != null) {
          deleted.add(item.getString("Deleted"));
        }
      }
      return new JsonObject().put("untagged", untagged).put("deleted", deleted);
    });
  }

  /** Removes dangling images, or every unused image with all=true: {deleted, spaceReclaimed}. */
  public Future<JsonObject> prune(String hostId, boolean all) {
    EngineRequest request = EngineRequest.post("/images/prune")
        .param("filters", EngineRequest.filters(Map.of("dangling", List.of(all ? "false" : "true"))));
    return engine.object(hostId, request).map(r -> {
      JsonArray deleted = new JsonArray();
      for (Object o : Json.array(r, "ImagesDeleted")) {
        JsonObject item = (JsonObject) o;
        deleted.add(item.getString("Deleted") != null ? item.getString("Deleted") : item.getString("Untagged"));
      }
      return new JsonObject().put("deleted", deleted).put("spaceReclaimed", r.getLong("SpaceReclaimed", 0L));
    });
  }
}
