package dev.berth.engine.images;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The JSON shapes of GET /images/{name}/json, /images/json entries and /images/{name}/history. */
final class ImageViews {

  private final ImageStore store;

  ImageViews(ImageStore store) {
    this.store = store;
  }

  JsonObject inspect(ImageStore.Image image) {
    JsonObject c = image.config();
    JsonArray layers = new JsonArray();
    image.diffIds().forEach(layers::add);
    JsonObject graph = new JsonObject();
    List<String> chains = image.chainIds();
    if (!chains.isEmpty()) {
      List<String> lower = new ArrayList<>();
      for (int i = chains.size() - 1; i >= 0; i--) {
        lower.add(store.layers().diffDir(chains.get(i)).toString());
      }
      Path top = store.layers().diffDir(chains.get(chains.size() - 1)).getParent();
      graph.put("MergedDir", top.resolve("merged").toString()).put("UpperDir", lower.get(0)).put("WorkDir", top.resolve("work").toString());
      if (lower.size() > 1) {
        graph.put("LowerDir", String.join(":", lower.subList(1, lower.size())));
      }
    }
    JsonObject out =
        new JsonObject()
            .put("Id", image.id())
            .put("RepoTags", repoTags(image))
            .put("RepoDigests", repoDigests(image))
            .put("Parent", "")
            .put("Comment", comment(c))
            .put("Created", c.getString("created", "0001-01-01T00:00:00Z"))
            .put("DockerVersion", c.getString("docker_version", ""))
            .put("Author", c.getString("author", ""))
            .put("Config", c.getJsonObject("config"))
            .put("Architecture", c.getString("architecture", ""));
    if (c.getString("variant") != null) {
      out.put("Variant", c.getString("variant"));
    }
    return out.put("Os", c.getString("os", ""))
        .put("Size", image.size())
        .put("GraphDriver", new JsonObject().put("Data", graph).put("Name", "overlay2"))
        .put("RootFS", new JsonObject().put("Type", "layers").put("Layers", layers))
        .put("Metadata", new JsonObject().put("LastTagTime", image.lastTagTime() == null ? "0001-01-01T00:00:00Z" : image.lastTagTime()));
  }

  /** dockerd falls back to the newest history entry's comment (commit -m writes only there). */
  private static String comment(JsonObject config) {
    String comment = config.getString("comment", "");
    JsonArray history = config.getJsonArray("history");
    if (comment.isEmpty() && history != null && !history.isEmpty()) {
      comment = history.getJsonObject(history.size() - 1).getString("comment", "");
    }
    return comment;
  }

  JsonObject summary(ImageStore.Image image) {
    return new JsonObject()
        .put("Containers", -1)
        .put("Created", createdSeconds(image))
        .put("Id", image.id())
        .put("Labels", image.labels())
        .put("ParentId", "")
        .put("RepoDigests", repoDigests(image))
        .put("RepoTags", repoTags(image))
        .put("SharedSize", -1)
        .put("Size", image.size());
  }

  /** Newest first; the layer-creating entries take their layer's size, the newest the image id. */
  JsonArray history(ImageStore.Image image) {
    JsonArray history = image.config().getJsonArray("history", new JsonArray());
    List<JsonObject> out = new ArrayList<>();
    int layer = 0;
    for (Object o : history) {
      JsonObject h = (JsonObject) o;
      long size = 0;
      if (!h.getBoolean("empty_layer", false) && layer < image.chainIds().size()) {
        LayerStore.Layer l = store.layers().get(image.chainIds().get(layer++));
        size = l == null ? 0 : l.size();
      }
      out.add(
          new JsonObject()
              .put("Id", "<missing>")
              .put("Created", seconds(h.getString("created")))
              .put("CreatedBy", h.getString("created_by", ""))
              .putNull("Tags")
              .put("Size", size)
              .put("Comment", h.getString("comment", "")));
    }
    JsonArray result = new JsonArray();
    for (int i = out.size() - 1; i >= 0; i--) {
      result.add(out.get(i));
    }
    if (!result.isEmpty()) {
      JsonArray tags = repoTags(image);
      result.getJsonObject(0).put("Id", image.id()).put("Tags", tags.isEmpty() ? null : tags);
    }
    return result;
  }

  JsonArray repoTags(ImageStore.Image image) {
    JsonArray tags = new JsonArray();
    for (Reference r : store.refsOf(image.id())) {
      if (r.tag() != null) {
        tags.add(r.familiar());
      }
    }
    return tags;
  }

  JsonArray repoDigests(ImageStore.Image image) {
    JsonArray digests = new JsonArray();
    for (Reference r : store.refsOf(image.id())) {
      if (r.digest() != null) {
        digests.add(r.familiar());
      }
    }
    return digests;
  }

  static long createdSeconds(ImageStore.Image image) {
    return seconds(image.config().getString("created"));
  }

  private static long seconds(String rfc3339) {
    if (rfc3339 == null || rfc3339.isEmpty()) {
      return 0;
    }
    try {
      return Instant.parse(rfc3339).getEpochSecond();
    } catch (RuntimeException e) {
      return java.time.OffsetDateTime.parse(rfc3339).toEpochSecond();
    }
  }
}
