package dev.berth.engine.images;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The images part of GET /system/df: the bytes of all distinct layers (LayersSize) and each
 * image's summary with SharedSize (its layers that other images use too) and Containers.
 */
final class ImageDiskUsage {

  private ImageDiskUsage() {}

  static JsonObject compute(ImageStore store, ImageViews views, ImageLookup.Usage usage) {
    List<ImageStore.Image> images = store.list();
    Map<String, Integer> users = new HashMap<>();
    Map<String, Long> sizes = new HashMap<>();
    for (ImageStore.Image image : images) {
      for (String chain : image.chainIds()) {
        users.merge(chain, 1, Integer::sum);
        sizes.computeIfAbsent(chain, k -> {
          LayerStore.Layer layer = store.layers().get(k);
          return layer == null ? 0L : layer.size();
        });
      }
    }
    JsonArray out = new JsonArray();
    for (ImageStore.Image image : images) {
      long shared = 0;
      for (String chain : image.chainIds()) {
        if (users.get(chain) > 1) {
          shared += sizes.get(chain);
        }
      }
      out.add(views.summary(image)
          .put("SharedSize", shared)
          .put("Containers", usage == null ? 0 : usage.containersUsing(image.id()).size()));
    }
    long layersSize = sizes.values().stream().mapToLong(Long::longValue).sum();
    return new JsonObject().put("LayersSize", layersSize).put("Images", out);
  }
}
