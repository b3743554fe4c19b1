package dev.berth.engine.images;

import dev.berth.engine.errors.EngineException;
import dev.berth.engine.util.Ids;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
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
  private final DistributionMetadata metadata;

  RegistryPull(ImageStore store, ImageEvents events, List<String> insecureRegistries, DistributionMetadata metadata) {
    this.store = store;
    this.events = events;
    this.insecureRegistries = insecureRegistries;
    this.metadata = metadata;
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
        String digest = layer.getString("digest");
        String id = shortId(digest);
        long total = layer.getLong("size", 0L);
        try (VerifiedBlob raw = new VerifiedBlob(registry.blob(digest));
            InputStream blob = new LayerProgress(raw, "Downloading", total, id, progress)) {
          store.layers().register(Compression.decompressed(blob), i == 0 ? null : chains.get(i - 1), diffIds.getString(i),
              () -> verify(blob, raw, digest));
          pinned.add(chain);
          if (digest.startsWith("sha256:")) {
            // a later push of this layer to the registry finds it there, or mounts it from here
            metadata.add(diffIds.getString(i), new DistributionMetadata.Entry(digest, ref.name(), raw.size()));
          }
        }
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

  /**
   * The blob is what its digest names, not only something that unpacks to the right layer: a
   * later push trusts the pairing. (Digests of other algorithms are left to the diffID check.)
   */
  private static void verify(InputStream blob, VerifiedBlob raw, String digest) throws IOException {
    // what the decompressor left unread (gzip trailer, padding) belongs to the blob too
    blob.transferTo(OutputStream.nullOutputStream());
    if (digest.startsWith("sha256:") && !raw.digest().equals(digest)) {
      throw EngineException.system("filesystem layer verification failed for digest " + digest, null);
    }
  }

  /** The layer blob as it arrives, with the digest and size of what was read. */
  private static final class VerifiedBlob extends DigestInputStream {
    private long size;

    VerifiedBlob(InputStream in) {
      super(in, Ids.sha256());
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        size++;
      }
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      int n = super.read(buf, off, len);
      if (n > 0) {
        size += n;
      }
      return n;
    }

    String digest() {
      return "sha256:" + Ids.hex(getMessageDigest());
    }

    long size() {
      return size;
    }
  }

  private static String shortId(String digest) {
    String hex = LayerStore.hex(digest);
    return hex.substring(0, Math.min(12, hex.length()));
  }
}
