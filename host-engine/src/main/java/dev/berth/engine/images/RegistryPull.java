package dev.berth.engine.images;

import dev.berth.engine.errors.EngineException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * `docker pull` from a registry v2: the manifest (following a list or index to this
 * platform) and config are fetched before the response starts, so that their errors get a
 * status; then the layers stream in with dockerd's progress messages, each unpacked once.
 */
final class RegistryPull {

  private final ImageStore store;
  private final ImageEvents events;
  private final List<String> insecureRegistries;

  RegistryPull(ImageStore store, ImageEvents events, List<String> insecureRegistries) {
    this.store = store;
    this.events = events;
    this.insecureRegistries = insecureRegistries;
  }

  /** Resolves the reference and fetches manifest and config; throws with a status on failure. */
  ImagesBackend.Pull prepare(String fromImage, String tag, String platform, String registryAuth) throws IOException {
    Reference ref = Reference.parse(fromImage);
    if (tag != null && !tag.isEmpty()) {
      ref = tag.startsWith("sha256:") ? Reference.parse(ref.name() + "@" + tag) : ref.withTag(tag);
    }
    ref = ref.withDefaultTag();
    RegistryClient registry = new RegistryClient(ref, insecureRegistries, registryAuth);
    RegistryClient.Manifest top = registry.manifest(ref.digest() != null ? ref.digest() : ref.tag());
    JsonObject manifest = Manifests.parse(top.bytes());
    if (Manifests.isIndex(manifest.getString("mediaType", top.mediaType()), manifest)) {
      String digest = Manifests.choose(manifest.getJsonArray("manifests", new JsonArray()), platform).getString("digest");
      manifest = Manifests.parse(registry.manifest(digest).bytes());
    }
    if (manifest.getInteger("schemaVersion", 0) != 2 || manifest.getJsonObject("config") == null) {
      throw EngineException.invalidParameter("unsupported manifest format for " + ref.familiar() + " (only schema 2 and OCI)");
    }
    byte[] config = registry.blobBytes(manifest.getJsonObject("config").getString("digest"));
    JsonArray layers = manifest.getJsonArray("layers", new JsonArray());
    Reference finalRef = ref;
    JsonObject finalManifest = manifest;
    return progress -> run(finalRef, registry, top.digest(), finalManifest, config, layers, progress);
  }

  private void run(Reference ref, RegistryClient registry, String manifestDigest, JsonObject manifest, byte[] rawConfig,
      JsonArray layers, Consumer<JsonObject> progress) throws IOException {
    progress.accept(status("Pulling from " + ref.path(), ref.tag() != null ? ref.tag() : ref.digest()));
    JsonArray diffIds = Manifests.parse(rawConfig).getJsonObject("rootfs", new JsonObject()).getJsonArray("diff_ids", new JsonArray());
    if (diffIds.size() != layers.size()) {
      throw EngineException.invalidParameter("invalid manifest: " + layers.size() + " layers for " + diffIds.size() + " diff_ids");
    }
    String existing = store.find(ref.familiar()) == null ? null : store.find(ref.familiar()).id();
    List<String> chains = new ArrayList<>();
    String parent = null;
    for (int i = 0; i < layers.size(); i++) {
      String chain = LayerStore.chainId(parent, diffIds.getString(i));
      chains.add(chain);
      parent = chain;
    }
    for (int i = 0; i < layers.size(); i++) {
      String id = shortId(layers.getJsonObject(i).getString("digest"));
      progress.accept(status(store.layers().get(chains.get(i)) != null ? "Already exists" : "Pulling fs layer", id).put("progressDetail", new JsonObject()));
    }
    List<String> pinned = new ArrayList<>();
    ImageStore.Image image;
    try {
      for (int i = 0; i < layers.size(); i++) {
        JsonObject layer = layers.getJsonObject(i);
        String chain = chains.get(i);
        if (store.layers().pinIfPresent(chain)) {
          pinned.add(chain);
          continue;
        }
        String id = shortId(layer.getString("digest"));
        long total = layer.getLong("size", 0L);
        try (InputStream blob = new LayerProgress(registry.blob(layer.getString("digest")), "Downloading", total, id, progress)) {
          store.layers().register(Compression.decompressed(blob), i == 0 ? null : chains.get(i - 1), diffIds.getString(i));
        }
        pinned.add(chain);
        progress.accept(status("Download complete", id).put("progressDetail", new JsonObject()));
        progress.accept(status("Pull complete", id).put("progressDetail", new JsonObject()));
      }
      image = store.addImage(rawConfig);
    } finally {
      pinned.forEach(store.layers()::unpin);
    }
    if (ref.tag() != null) {
      store.tag(ref, image.id());
    }
    store.tag(Reference.parse(ref.name() + "@" + manifestDigest), image.id());
    events.publish("pull", image, ref.familiar());
    progress.accept(new JsonObject().put("status", "Digest: " + manifestDigest));
    boolean upToDate = image.id().equals(existing);
    progress.accept(new JsonObject().put("status", (upToDate ? "Status: Image is up to date for " : "Status: Downloaded newer image for ") + ref.familiar()));
  }

  private static JsonObject status(String status, String id) {
    JsonObject o = new JsonObject().put("status", status);
    return id == null ? o : o.put("id", id);
  }

  private static String shortId(String digest) {
    String hex = LayerStore.hex(digest);
    return hex.substring(0, Math.min(12, hex.length()));
  }
}
