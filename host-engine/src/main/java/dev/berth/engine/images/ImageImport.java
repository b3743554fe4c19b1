package dev.berth.engine.images;

import dev.berth.engine.api.Versions;
import dev.berth.engine.errors.EngineException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** `docker import`: one rootfs tar becomes a one-layer image, with --change applied. */
final class ImageImport {

  /** What the request asks for, checked before the body is read. */
  record Request(Reference ref, String givenName, JsonObject runtimeConfig, String comment) {}

  private final ImageStore store;
  private final ImageEvents events;

  ImageImport(ImageStore store, ImageEvents events) {
    this.store = store;
    this.events = events;
  }

  /** Validates repo, tag and changes: a bad one is a 400 and the body is never read. */
  static Request prepare(String repo, String tag, List<String> changes, String message, String source) {
    Reference ref = null;
    String given = null;
    if (repo != null && !repo.isEmpty()) {
      ref = Reference.parse(repo);
      given = repo;
      if (tag != null && !tag.isEmpty()) {
        if (!tag.matches("[\\w][\\w.-]{0,127}")) {
          throw EngineException.invalidParameter("invalid tag format");
        }
        ref = ref.withTag(tag);
        given = repo + ":" + tag;
      }
    }
    JsonObject config = RuntimeConfig.empty();
    ChangeParser.apply(config, changes);
    String comment = message != null && !message.isEmpty() ? message : "Imported from " + source;
    return new Request(ref, given, RuntimeConfig.ordered(config), comment);
  }

  /** Reads the tar (raw, gzip, bzip2 or xz), stores the layer and the image, tags it. */
  ImageStore.Image run(Request request, InputStream body) throws IOException {
    LayerStore.Layer layer;
    try {
      layer = store.layers().register(Compression.decompressed(body), null, null);
    } catch (IOException e) {
      throw EngineException.system("Error processing tar file: " + e.getMessage(), e);
    }
    ImageStore.Image image;
    try {
      String created = Instant.now().toString();
      JsonObject config =
          new JsonObject()
              .put("architecture", RuntimeConfig.architecture())
              .put("comment", request.comment())
              .put("config", request.runtimeConfig())
              .put("created", created)
              .put("docker_version", "berth-" + Versions.ENGINE)
              .put("history", new JsonArray().add(new JsonObject().put("created", created).put("comment", request.comment())))
              .put("os", "linux")
              .put("rootfs", new JsonObject().put("type", "layers").put("diff_ids", new JsonArray().add(layer.diffId())));
      image = store.addImage(config.encode().getBytes(StandardCharsets.UTF_8));
    } finally {
      store.layers().unpin(layer.chainId());
    }
    if (request.ref() != null) {
      store.tag(request.ref(), image.id());
      events.publish("tag", image, request.givenName());
    }
    events.publish("import", image, image.id());
    return image;
  }
}
