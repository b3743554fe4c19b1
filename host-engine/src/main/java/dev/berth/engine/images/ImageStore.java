package dev.berth.engine.images;

import dev.berth.engine.errors.EngineException;
import dev.berth.engine.util.AtomicFiles;
import dev.berth.engine.util.Ids;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Images by id (sha256 of the config bytes) and the repositories file (references to ids).
 * Order of writes: layers, then config, then tags, each atomic; so every state that a crash
 * leaves is readable, at worst with an unreferenced layer or an untagged image.
 */
final class ImageStore implements ImageLookup {

  private static final Logger LOG = Logger.getLogger(ImageStore.class.getName());
  private static final Pattern HEX = Pattern.compile("[a-f0-9]{1,64}");

  /** An image as stored: the exact config bytes and what the store derives from them. */
  public record Image(String id, byte[] raw, JsonObject config, List<String> chainIds, long size, String lastTagTime) {

    public List<String> diffIds() {
      List<String> out = new ArrayList<>();
      config.getJsonObject("rootfs", new JsonObject()).getJsonArray("diff_ids", new JsonArray()).forEach(d -> out.add((String) d));
      return out;
    }

    public JsonObject labels() {
      JsonObject c = config.getJsonObject("config");
      JsonObject l = c == null ? null : c.getJsonObject("Labels");
      return l == null ? new JsonObject() : l;
    }
  }

  private final Path imagedb;
  private final Path repositoriesFile;
  private final LayerStore layers;
  private final Path retiredDir;
  private final Map<String, Image> images = new LinkedHashMap<>();
  /** Deleted images whose layers containers still stand on, by id. */
  private final Map<String, Image> retired = new HashMap<>();
  /** canonical reference ("docker.io/library/busybox:latest") to image id */
  private final Map<String, String> refs = new TreeMap<>();

  ImageStore(Path dataRoot) throws IOException {
    Path imageRoot = dataRoot.resolve("image");
    this.imagedb = imageRoot.resolve("imagedb");
    this.repositoriesFile = imageRoot.resolve("repositories.json");
    this.retiredDir = imageRoot.resolve("retired");
    Files.createDirectories(imagedb);
    this.layers = new LayerStore(imageRoot, dataRoot.resolve("overlay"));
    loadState();
  }

  LayerStore layers() {
    return layers;
  }

  private void loadState() throws IOException {
    try (var s = Files.list(imagedb)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        String name = p.getFileName().toString();
        if (!name.matches("[a-f0-9]{64}\\.json")) {
          continue;
        }
        byte[] raw = Files.readAllBytes(p);
        String id = Ids.digest(raw);
        if (!id.equals("sha256:" + name.substring(0, 64))) {
          LOG.warning("ignoring image config with wrong digest: " + p);
          continue;
        }
        try {
          images.put(id, build(id, raw, readMeta(id)));
        } catch (IOException | RuntimeException e) {
          LOG.warning("ignoring image " + id + ": " + e.getMessage());
        }
      }
    }
    if (Files.isDirectory(retiredDir)) {
      try (var s = Files.list(retiredDir)) {
        for (Path p : (Iterable<Path>) s::iterator) {
          byte[] raw = Files.readAllBytes(p);
          String id = Ids.digest(raw);
          try {
            retired.put(id, build(id, raw, null));
          } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(p);
          }
        }
      }
    }
    if (Files.exists(repositoriesFile)) {
      JsonObject repos = new JsonObject(Files.readString(repositoriesFile)).getJsonObject("Repositories", new JsonObject());
      for (String repo : repos.fieldNames()) {
        JsonObject byRef = repos.getJsonObject(repo);
        for (String ref : byRef.fieldNames()) {
          String id = byRef.getString(ref);
          if (images.containsKey(id)) {
            refs.put(ref, id);
          }
        }
      }
    }
  }

  private String readMeta(String id) throws IOException {
    Path meta = imagedb.resolve(LayerStore.hex(id) + ".meta");
    return Files.exists(meta) ? new JsonObject(Files.readString(meta)).getString("LastTagTime") : null;
  }

  /** Parses the config and checks that every layer it names is stored. */
  private Image build(String id, byte[] raw, String lastTagTime) throws IOException {
    JsonObject config = new JsonObject(new String(raw, java.nio.charset.StandardCharsets.UTF_8));
    List<String> chains = new ArrayList<>();
    long size = 0;
    String parent = null;
    JsonArray diffIds = config.getJsonObject("rootfs", new JsonObject()).getJsonArray("diff_ids", new JsonArray());
    for (Object d : diffIds) {
      String chain = LayerStore.chainId(parent, (String) d);
      LayerStore.Layer layer = layers.get(chain);
      if (layer == null) {
        throw new IOException("layer " + chain + " is missing");
      }
      chains.add(chain);
      size += layer.size();
      parent = chain;
    }
    return new Image(id, raw, config, List.copyOf(chains), size, lastTagTime);
  }

  /** Stores a config whose layers are registered; returns the image (existing or new). */
  public Image addImage(byte[] rawConfig) throws IOException {
    String id = Ids.digest(rawConfig);
    synchronized (this) {
      Image existing = images.get(id);
      if (existing != null) {
        return existing;
      }
      Image image = build(id, rawConfig, null);
      AtomicFiles.write(imagedb.resolve(LayerStore.hex(id) + ".json"), rawConfig);
      images.put(id, image);
      return image;
    }
  }

  public synchronized Image byId(String id) {
    return images.get(id);
  }

  /** Finds an image by reference, full id or unique id prefix; null when there is none. */
  public synchronized Image find(String ref) {
    String lower = ref.startsWith("sha256:") ? ref.substring(7) : null;
    if (lower == null) {
      try {
        Reference r = Reference.parse(ref);
        String id = refs.get(r.withDefaultTag().canonical());
        if (id != null) {
          return images.get(id);
        }
      } catch (EngineException notAReference) {
        // may still be an id prefix
      }
      lower = ref;
    }
    if (!HEX.matcher(lower).matches()) {
      return null;
    }
    Image found = null;
    for (Image i : images.values()) {
      if (i.id().startsWith("sha256:" + lower)) {
        if (found != null) {
          return null;
        }
        found = i;
      }
    }
    return found;
  }

  /** The stored reference that {@code name} names (null when it names an id or nothing). */
  public synchronized Reference storedRef(String name) {
    if (name.startsWith("sha256:")) {
      return null;
    }
    try {
      Reference r = Reference.parse(name).withDefaultTag();
      return refs.containsKey(r.canonical()) ? r : null;
    } catch (EngineException notAReference) {
      return null;
    }
  }

  /** Like {@link #find} but a 404 "No such image: ref" when absent. */
  public Image get(String ref) {
    Image i = find(ref);
    if (i == null) {
      throw EngineException.noSuchImage(ref);
    }
    return i;
  }

  public synchronized List<Image> list() {
    return new ArrayList<>(images.values());
  }

  public synchronized int count() {
    return images.size();
  }

  /** The references of an image, canonical and sorted. */
  public synchronized List<Reference> refsOf(String id) {
    List<Reference> out = new ArrayList<>();
    refs.forEach((ref, target) -> {
      if (target.equals(id)) {
        out.add(Reference.parse(ref));
      }
    });
    return out;
  }

  /** Points a reference at an image; returns the id it pointed at before, or null. */
  public synchronized String tag(Reference ref, String id) throws IOException {
    if (!images.containsKey(id)) {
      throw EngineException.noSuchImage(id);
    }
    String key = ref.withDefaultTag().canonical();
    String previous = refs.put(key, id);
    try {
      saveRefs();
      String now = Instant.now().toString();
      AtomicFiles.writeString(imagedb.resolve(LayerStore.hex(id) + ".meta"), new JsonObject().put("LastTagTime", now).encode());
      Image i = images.get(id);
      images.put(id, new Image(i.id(), i.raw(), i.config(), i.chainIds(), i.size(), now));
    } catch (IOException e) {
      if (previous == null) {
        refs.remove(key);
      } else {
        refs.put(key, previous);
      }
      throw e;
    }
    return previous == null || previous.equals(id) ? null : previous;
  }

  /** Removes a reference; false when it did not exist. */
  public synchronized boolean untag(Reference ref) throws IOException {
    String key = ref.withDefaultTag().canonical();
    String previous = refs.remove(key);
    if (previous == null) {
      return false;
    }
    try {
      saveRefs();
    } catch (IOException e) {
      refs.put(key, previous);
      throw e;
    }
    return true;
  }

  /**
   * Deletes an untagged image's config, then every layer that no image uses any more; returns
   * the layers removed. An image that containers still use (a forced rmi) is retired instead:
   * it disappears from lookups, but its layers stay while those containers exist, as dockerd's
   * layer references keep them. Refuses (IllegalStateException) an image that still has references.
   */
  public synchronized List<LayerStore.Layer> delete(String id, Predicate<String> inUse) throws IOException {
    if (refs.containsValue(id) || !images.containsKey(id)) {
      throw new IllegalStateException("image " + id + " is referenced or absent");
    }
    Path config = imagedb.resolve(LayerStore.hex(id) + ".json");
    if (inUse.test(id)) {
      Files.createDirectories(retiredDir);
      Files.move(config, retiredDir.resolve(config.getFileName()), StandardCopyOption.ATOMIC_MOVE);
      retired.put(id, images.get(id));
    } else {
      Files.deleteIfExists(config);
    }
    Files.deleteIfExists(imagedb.resolve(LayerStore.hex(id) + ".meta"));
    AtomicFiles.fsyncDirectory(imagedb);
    images.remove(id);
    return collectLayers(inUse);
  }

  /** Removes the layers that neither an image nor a retired image still in use needs. */
  private List<LayerStore.Layer> collectLayers(Predicate<String> inUse) throws IOException {
    Set<String> used = new HashSet<>();
    for (Image i : images.values()) {
      used.addAll(i.chainIds());
    }
    for (Image r : List.copyOf(retired.values())) {
      if (inUse.test(r.id())) {
        used.addAll(r.chainIds());
      } else {
        Files.deleteIfExists(retiredDir.resolve(LayerStore.hex(r.id()) + ".json"));
        retired.remove(r.id());
      }
    }
    List<LayerStore.Layer> removed = new ArrayList<>();
    for (String chain : layers.all()) {
      LayerStore.Layer layer = layers.get(chain);
      if (!used.contains(chain) && layers.delete(chain) && layer != null) {
        removed.add(layer);
      }
    }
    return removed;
  }

  private void saveRefs() throws IOException {
    JsonObject repos = new JsonObject();
    refs.forEach((ref, id) -> {
      String repo = Reference.parse(ref).name();
      JsonObject byRef = repos.getJsonObject(repo);
      if (byRef == null) {
        byRef = new JsonObject();
        repos.put(repo, byRef);
      }
      byRef.put(ref, id);
    });
    AtomicFiles.writeString(repositoriesFile, new JsonObject().put("Repositories", repos).encode());
  }

  // --- ImageLookup, for containers ---

  @Override
  public ImageInfo resolve(String reference) {
    Image image = get(reference);
    JsonObject runtime = image.config().getJsonObject("config");
    List<Path> lowerDirs = new ArrayList<>();
    for (int i = image.chainIds().size() - 1; i >= 0; i--) {
      lowerDirs.add(layers.diffDir(image.chainIds().get(i)));
    }
    return new ImageInfo(image.id(), reference, runtime == null ? new JsonObject() : runtime.copy(), List.copyOf(lowerDirs));
  }
}
