package dev.berth.engine.images;

import dev.berth.engine.errors.EngineException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Docker v2 schema 2 and OCI manifests and indexes: picking this machine's platform. */
final class Manifests {

  static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
  static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
  static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";

  /** Reads a blob by digest. */
  interface Blobs {
    byte[] read(String digest) throws IOException;
  }

  private Manifests() {}

  static boolean isIndex(String mediaType, JsonObject doc) {
    return DOCKER_LIST.equals(mediaType) || OCI_INDEX.equals(mediaType) || (mediaType == null && doc.containsKey("manifests"));
  }

  /** The image manifest that a descriptor names, following indexes to linux/&lt;arch&gt;. */
  static JsonObject platformManifest(JsonObject descriptor, Blobs blobs) throws IOException {
    JsonObject doc = parse(blobs.read(descriptor.getString("digest")));
    String mediaType = doc.getString("mediaType", descriptor.getString("mediaType"));
    if (isIndex(mediaType, doc)) {
      return platformManifest(choose(doc.getJsonArray("manifests", new JsonArray()), null), blobs);
    }
    return doc;
  }

  /**
   * The entry of an index for a platform ("os/arch[/variant]", null for this machine's
   * linux/&lt;arch&gt;); 404 with dockerd's wording when there is none.
   */
  static JsonObject choose(JsonArray manifests, String platform) {
    String wanted = platform == null || platform.isEmpty() ? "linux/" + RuntimeConfig.architecture() : platform.toLowerCase();
    String[] parts = wanted.split("/");
    if (parts.length < 2 || parts.length > 3) {
      throw EngineException.invalidParameter("invalid platform: " + platform);
    }
    for (Object o : manifests) {
      JsonObject m = (JsonObject) o;
      JsonObject p = m.getJsonObject("platform", new JsonObject());
      if (parts[0].equals(p.getString("os")) && parts[1].equals(p.getString("architecture"))
          && (parts.length < 3 || parts[2].equals(p.getString("variant")))) {
        return m;
      }
    }
    throw EngineException.notFound("no matching manifest for " + wanted + " in the manifest list entries");
  }

  static JsonObject parse(byte[] bytes) {
    try {
      return new JsonObject(new String(bytes, StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      throw EngineException.invalidParameter("invalid manifest: " + e.getMessage());
    }
  }
}
