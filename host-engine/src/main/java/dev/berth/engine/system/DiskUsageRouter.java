package dev.berth.engine.system;

import dev.berth.engine.api.ApiRoutes;
import dev.berth.engine.api.Http;
import dev.berth.engine.errors.EngineException;
import dev.berth.engine.errors.ErrorResponder;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Set;

/** GET /system/df: what images, containers, volumes and the build cache take on disk. */
public final class DiskUsageRouter implements ApiRoutes {

  private static final Set<String> TYPES = Set.of("container", "image", "volume", "build-cache");

  private final DiskUsageBackend backend;

  public DiskUsageRouter(DiskUsageBackend backend) {
    this.backend = backend;
  }

  @Override
  public void mount(Router router) {
    // GET
    router.get("/system/df").handler(this::getSystemDf);
  }

  /** ?type= (API 1.42) limits the answer to some object types; none means all. */
  private void getSystemDf(RoutingContext ctx) {
    List<String> types = ctx.queryParam("type");
    for (String t : types) {
      if (!TYPES.contains(t)) {
        throw EngineException.invalidParameter("unknown object type: " + t);
      }
    }
    ctx.vertx()
        .executeBlocking(() -> {
          JsonObject out = new JsonObject();
          if (wants(types, "image")) {
            JsonObject images = backend.images();
            out.put("LayersSize", images.getLong("LayersSize")).put("Images", images.getJsonArray("Images"));
          }
          if (wants(types, "container")) {
            out.put("Containers", backend.containers());
          }
          if (wants(types, "volume")) {
            out.put("Volumes", backend.volumes());
          }
          if (wants(types, "build-cache")) {
            // the engine's builder keeps no cache between builds
            out.put("BuildCache", new JsonArray());
          }
          return out;
        }, false)
        .onSuccess(body -> Http.json(ctx, 200, body))
        .onFailure(e -> ErrorResponder.write(ctx.response(), e));
  }

  private static boolean wants(List<String> types, String type) {
    return types.isEmpty() || types.contains(type);
  }
}
