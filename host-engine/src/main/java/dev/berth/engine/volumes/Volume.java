package dev.berth.engine.volumes;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;

/** One volume of the local driver: its data lives in {@code mountpoint} (…/volumes/NAME/_data). */
record Volume(String name, JsonObject labels, JsonObject options, String createdAt, Path mountpoint) {

  /** Newer dockerds mark anonymous volumes with this label; prune removes only those by default. */
  static final String ANONYMOUS = "com.docker.volume.anonymous";

  boolean anonymous() {
    return labels.containsKey(ANONYMOUS);
  }

  /** The Volume object of the Engine API. */
  JsonObject toApi() {
    return new JsonObject()
        .put("CreatedAt", createdAt)
        .put("Driver", "local")
        .put("Labels", labels.copy())
        .put("Mountpoint", mountpoint.toString())
        .put("Name", name)
        .put("Options", options.isEmpty() ? null : options.copy())
        .put("Scope", "local");
  }

  JsonObject toJson() {
    return new JsonObject().put("Name", name).put("Labels", labels).put("Options", options).put("CreatedAt", createdAt);
  }
}
