package dev.berth.engine.images;

import dev.berth.engine.util.AtomicFiles;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Where each layer already lives in registries, as dockerd's v2metadata-by-diffid: per diffID,
 * the compressed blobs it was pushed as or pulled from, with their repository and size. One
 * small JSON file per diffID, written atomically, so that a push after an engine restart can
 * say "Layer already exists" or mount from another repository instead of compressing and
 * uploading again. This only remembers what registries held: every use is checked against the
 * registry first, so a file that cannot be read counts as empty and a failed write only costs
 * a later upload.
 */
final class DistributionMetadata {

  /** One place a layer was seen: a blob digest in a repository ("domain/path"). */
  record Entry(String digest, String repository, long size) {

    String domain() {
      return repository.substring(0, repository.indexOf('/'));
    }

    /** The repository's path within its registry, as a mount names it. */
    String path() {
      return repository.substring(repository.indexOf('/') + 1);
    }
  }

  /** dockerd keeps as many per layer; the oldest go first. */
  static final int MAX_ENTRIES = 50;

  private static final Logger LOG = Logger.getLogger(DistributionMetadata.class.getName());
  private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");
  private static final Pattern REPOSITORY = Pattern.compile("[^/\\s]+/[^\\s]+");

  private final Path dir;
  /** The files' content, oldest entry first; filled on first use of each diffID. */
  private final Map<String, List<Entry>> cache = new ConcurrentHashMap<>();
  /** Serialise the read-modify-write of one diffID's file. */
  private final Object[] stripes = new Object[64];

  DistributionMetadata(Path distributionRoot) throws IOException {
    this.dir = distributionRoot.resolve("v2metadata-by-diffid").resolve("sha256");
    Files.createDirectories(dir);
    for (int i = 0; i < stripes.length; i++) {
      stripes[i] = new Object();
    }
    // temp files of writes that a crash interrupted
    try (var s = Files.list(dir)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        if (p.getFileName().toString().startsWith(".")) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  /** What is known of a layer, oldest first (empty when nothing is). */
  List<Entry> get(String diffId) {
    synchronized (lock(diffId)) {
      return load(diffId);
    }
  }

  /** Remembers that the repository holds the layer as this blob; the newest entry goes last. */
  void add(String diffId, Entry entry) {
    if (!DIGEST.matcher(entry.digest()).matches() || !REPOSITORY.matcher(entry.repository()).matches() || entry.size() < 0) {
      throw new IllegalArgumentException("invalid distribution metadata: " + entry);
    }
    synchronized (lock(diffId)) {
      List<Entry> now = new ArrayList<>(load(diffId));
      if (now.contains(entry)) {
        return;
      }
      now.removeIf(e -> e.digest().equals(entry.digest()) && e.repository().equals(entry.repository()));
      now.add(entry);
      while (now.size() > MAX_ENTRIES) {
        now.remove(0);
      }
      store(diffId, now);
    }
  }

  /** Forgets an entry that the registry proved wrong (blob gone, mount refused). */
  void remove(String diffId, Entry entry) {
    synchronized (lock(diffId)) {
      List<Entry> now = new ArrayList<>(load(diffId));
      if (now.remove(entry)) {
        store(diffId, now);
      }
    }
  }

  private Object lock(String diffId) {
    return stripes[Math.floorMod(diffId.hashCode(), stripes.length)];
  }

  private Path file(String diffId) {
    if (!DIGEST.matcher(diffId).matches()) {
      throw new IllegalArgumentException("invalid diffID: " + diffId);
    }
    return dir.resolve(LayerStore.hex(diffId));
  }

  private List<Entry> load(String diffId) {
    List<Entry> known = cache.get(diffId);
    if (known == null) {
      known = read(file(diffId));
      cache.put(diffId, known);
    }
    return known;
  }

  private void store(String diffId, List<Entry> entries) {
    JsonArray json = new JsonArray();
    entries.forEach(e -> json.add(new JsonObject().put("Digest", e.digest()).put("SourceRepository", e.repository()).put("Size", e.size())));
    try {
      AtomicFiles.writeString(file(diffId), json.encode());
    } catch (IOException e) {
      LOG.warning("cannot record distribution metadata of " + diffId + ": " + e.getMessage());
    }
    cache.put(diffId, List.copyOf(entries));
  }

  /** The file's valid entries; none when it is missing or unreadable (it is a cache of the registries). */
  private static List<Entry> read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException | RuntimeException e) {
      LOG.warning("ignoring unreadable distribution metadata " + file + ": " + e.getMessage());
      return List.of();
    }
    List<Entry> out = new ArrayList<>();
    try {
      for (Object o : new JsonArray(text)) {
        if (o instanceof JsonObject j && j.getValue("Digest") instanceof String digest && DIGEST.matcher(digest).matches()
            && j.getValue("SourceRepository") instanceof String repo && REPOSITORY.matcher(repo).matches()
            && j.getValue("Size") instanceof Number size && size.longValue() >= 0) {
          out.add(new Entry(digest, repo, size.longValue()));
        }
      }
    } catch (RuntimeException e) {
      LOG.warning("ignoring corrupt distribution metadata " + file + ": " + e.getMessage());
      return List.of();
    }
    return List.copyOf(out);
  }
}
