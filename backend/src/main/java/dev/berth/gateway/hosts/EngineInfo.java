package dev.berth.gateway.hosts;

import io.vertx.core.json.JsonObject;

/** What /version says about an engine. */
public record EngineInfo(String version, String apiVersion, String os, String arch) {

  static EngineInfo fromVersion(JsonObject v) {
    return new EngineInfo(v.getString("Version"), v.getString("ApiVersion"), v.getString("Os"),
        v.getString("Arch"));
  }
}
