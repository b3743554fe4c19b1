package dev.berth.engine.system;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** What GET /system/df reads from images, containers and volumes. Every method may block. */
public interface DiskUsageBackend {

  /** {"LayersSize": bytes of all distinct layers, "Images": summaries with SharedSize and Containers}. */
  JsonObject images();

  /** Every container's list entry, with SizeRw and SizeRootFs. */
  JsonArray containers();

  /** Every volume, with UsageData {Size, RefCount}. */
  JsonArray volumes();
}
