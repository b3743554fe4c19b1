package dev.berth.engine.images;

import dev.berth.engine.errors.EngineException;
import dev.berth.engine.util.Ids;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;

/**
 * `docker push` to a registry v2, as dockerd does it: each layer gzip-compressed on the fly
 * (streamed upload, digest known at the end), skipped when the registry has it already, then
 * the config and a Docker schema 2 manifest per tag, with dockerd's progress messages. Where
 * each layer's compressed blob went (or came from, for pulled images) is kept on disk in
 * {@link DistributionMetadata}, so later pushes, after restarts too, ask the registry first.
 */
final class RegistryPush {
  static final String MANIFEST_TYPE = "application/vnd.docker.distribution.manifest.v2+json";
  private static final String CONFIG_TYPE = "application/vnd.docker.container.image.v1+json";
  private static final String LAYER_TYPE = "application/vnd.docker.image.rootfs.diff.tar.gzip";
  /** dockerd's limit of cross-repository mounts tried per layer. */
  private static final int MAX_MOUNT_ATTEMPTS = 3;

  private final ImageStore store;
  private final ImageEvents events;
  private final List<String> insecureRegistries;
  private final DistributionMetadata metadata;

  RegistryPush(ImageStore store, ImageEvents events, List<String> insecureRegistries, DistributionMetadata metadata) {
    this.store = store;
    this.events = events;
    this.insecureRegistries = insecureRegistries;
    this.metadata = metadata;
  }

  /**
   * What to push: a tag, or (no tag) every tag of the repository. As with dockerd, a missing
   * tag is reported in the stream, after the first line.
   */
  ImagesBackend.Pull prepare(String name, String tag, String registryAuth) {
    Reference parsed = Reference.parse(name);
    if (parsed.digest() != null) {
      throw EngineException.invalidParameter("cannot push a digest reference: " + name);
    }
    Reference repo = tag != null && !tag.isEmpty() ? parsed.withTag(tag) : parsed;
    RegistryClient registry = new RegistryClient(repo, insecureRegistries, registryAuth, "push");
    return progress -> {
      progress.accept(new JsonObject().put("status", "The push refers to repository [" + repo.name() + "]"));
      List<Reference> refs = new ArrayList<>();
      if (repo.tag() != null) {
        if (store.find(repo.canonical()) == null) {
          throw EngineException.notFound("tag does not exist: " + repo.familiar());
        }
        refs.add(repo);
      } else {
        for (ImageStore.Image image : store.list()) {
          for (Reference r : store.refsOf(image.id())) {
            if (r.tag() != null && r.name().equals(repo.name())) {
              refs.add(r);
            }
          }
        }
        if (refs.isEmpty()) {
          throw EngineException.notFound("An image does not exist locally with the tag: " + repo.familiarName());
        }
      }
      for (Reference r : refs) {
        ImageStore.Image image = store.find(r.canonical());
        if (image != null) {
          push(registry, r, image, progress);
        }
      }
    };
  }

  private void push(RegistryClient registry, Reference ref, ImageStore.Image image, Consumer<JsonObject> progress)
      throws IOException {
    List<String> chains = image.chainIds();
    List<LayerStore.Layer> layers = new ArrayList<>();
    for (String chain : chains) {
      LayerStore.Layer layer = store.layers().get(chain);
      if (layer == null) {
        throw EngineException.system("layer " + chain + " of " + ref.familiar() + " is missing", null);
      }
      layers.add(layer);
    }
    for (int i = layers.size() - 1; i >= 0; i--) {
      progress.accept(status("Preparing", shortId(layers.get(i).diffId())));
    }
    JsonArray manifestLayers = new JsonArray();
    for (LayerStore.Layer layer : layers) {
      DistributionMetadata.Entry blob = pushLayer(registry, ref, layer, progress);
      manifestLayers.add(new JsonObject().put("mediaType", LAYER_TYPE).put("size", blob.size()).put("digest", blob.digest()));
    }
    String configDigest = Ids.digest(image.raw());
    if (!registry.hasBlob(configDigest)) {
      registry.uploadBlob(image.raw(), configDigest);
    }
    byte[] manifest = new JsonObject()
        .put("schemaVersion", 2)
        .put("mediaType", MANIFEST_TYPE)
        .put("config", new JsonObject().put("mediaType", CONFIG_TYPE).put("size", image.raw().length).put("digest", configDigest))
        .put("layers", manifestLayers)
        .encodePrettily().getBytes(StandardCharsets.UTF_8);
    String digest = registry.putManifest(ref.tag(), manifest, MANIFEST_TYPE);
    store.tag(Reference.parse(ref.name() + "@" + digest), image.id());
    events.publish("push", image, ref.familiar());
    progress.accept(new JsonObject().put("status", ref.tag() + ": digest: " + digest + " size: " + manifest.length));
    progress.accept(new JsonObject().put("progressDetail", new JsonObject())
        .put("aux", new JsonObject().put("Tag", ref.tag()).put("Digest", digest).put("Size", manifest.length)));
  }

  /**
   * One layer, as dockerd does it: the best-known blob (this repository's first) is asked for
   * with a HEAD; failing that, up to three other repositories of the registry that hold it are
   * asked for a mount; failing that, it is compressed and uploaded. What the registry refutes is
   * forgotten, what it confirms is remembered.
   */
  private DistributionMetadata.Entry pushLayer(RegistryClient registry, Reference ref, LayerStore.Layer layer,
      Consumer<JsonObject> progress) throws IOException {
    String id = shortId(layer.diffId());
    String diffId = layer.diffId();
    List<DistributionMetadata.Entry> known = byLikeness(metadata.get(diffId), ref);
    DistributionMetadata.Entry blob = null;
    if (!known.isEmpty()) {
      DistributionMetadata.Entry best = known.get(0);
      if (registry.hasBlob(best.digest())) {
        progress.accept(status("Layer already exists", id));
        blob = best;
      } else if (best.repository().equals(ref.name())) {
        metadata.remove(diffId, best);
      }
    }
    int attempts = 0;
    for (DistributionMetadata.Entry candidate : known) {
      if (blob != null || attempts == MAX_MOUNT_ATTEMPTS) {
        break;
      }
      if (!candidate.domain().equals(ref.domain()) || candidate.repository().equals(ref.name())) {
        continue;
      }
      attempts++;
      if (registry.mountBlob(candidate.digest(), candidate.path())) {
        progress.accept(status("Mounted from " + candidate.path(), id));
        blob = candidate;
      } else {
        metadata.remove(diffId, candidate);
      }
    }
    if (blob == null) {
      blob = upload(registry, store.layers().tarFile(layer.chainId()), ref, id, progress);
      progress.accept(status("Pushed", id));
    }
    DistributionMetadata.Entry here = new DistributionMetadata.Entry(blob.digest(), ref.name(), blob.size());
    metadata.add(diffId, here);
    return here;
  }

  /** This repository first, then others of its registry, then the rest; newest first within each. */
  private static List<DistributionMetadata.Entry> byLikeness(List<DistributionMetadata.Entry> entries, Reference ref) {
    List<DistributionMetadata.Entry> out = new ArrayList<>(entries);
    java.util.Collections.reverse(out);
    out.sort(java.util.Comparator.comparingInt(
        e -> e.repository().equals(ref.name()) ? 0 : e.domain().equals(ref.domain()) ? 1 : 2));
    return out;
  }

  /** Streams the layer tar through gzip to the registry, compressing as the upload reads. */
  private static DistributionMetadata.Entry upload(RegistryClient registry, Path tar, Reference ref, String id,
      Consumer<JsonObject> progress) throws IOException {
    long total = Files.size(tar);
    try (GzipReader body = new GzipReader(new LayerProgress(Files.newInputStream(tar), "Pushing", total, id, progress))) {
      registry.uploadBlob(body, body::digest);
      return new DistributionMetadata.Entry(body.digest(), ref.name(), body.size());
    }
  }

  private static JsonObject status(String status, String id) {
    return new JsonObject().put("status", status).put("progressDetail", new JsonObject()).put("id", id);
  }

  private static String shortId(String digest) {
    String hex = LayerStore.hex(digest);
    return hex.substring(0, Math.min(12, hex.length()));
  }

  /**
   * The gzip form of a stream, made as it is read (no second thread, no temp file), with the
   * digest and size of what was read out.
   */
  private static final class GzipReader extends InputStream {
    private final InputStream source;
    private final Chunk chunk = new Chunk();
    private final GZIPOutputStream gzip;
    private final MessageDigest sha = Ids.sha256();
    private final byte[] in = new byte[1 << 16];
    private long size;
    private int pos;
    private boolean finished;

    GzipReader(InputStream source) throws IOException {
      this.source = source;
      this.gzip = new GZIPOutputStream(chunk, 1 << 16);
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      while (pos >= chunk.size() && !finished) {
        chunk.reset();
        pos = 0;
        int n = source.read(in);
        if (n < 0) {
          gzip.finish();
          finished = true;
        } else {
          gzip.write(in, 0, n);
        }
      }
      if (pos >= chunk.size()) {
        return -1;
      }
      int n = Math.min(len, chunk.size() - pos);
      System.arraycopy(chunk.bytes(), pos, b, off, n);
      sha.update(b, off, n);
      size += n;
      pos += n;
      return n;
    }

    /** Valid once the stream was read to its end. */
    String digest() {
      if (!finished || pos < chunk.size()) {
        throw EngineException.system("layer upload ended before the layer did", null);
      }
      return "sha256:" + Ids.hex((MessageDigest) cloned());
    }

    long size() {
      return size;
    }

    private Object cloned() {
      try {
        return sha.clone();
      } catch (CloneNotSupportedException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void close() throws IOException {
      source.close();
    }

    /** A ByteArrayOutputStream that shows its buffer. */
    private static final class Chunk extends java.io.ByteArrayOutputStream {
      byte[] bytes() {
        return buf;
      }
    }
  }
}
