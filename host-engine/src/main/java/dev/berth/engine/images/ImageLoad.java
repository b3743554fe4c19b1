package dev.berth.engine.images;

import dev.berth.engine.errors.EngineException;
import dev.berth.engine.util.Ids;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * `docker load`: a docker-archive (manifest.json) or an OCI layout (index.json + blobs). The
 * archive is unpacked into a temp folder first, because manifest.json may come last; then
 * layers, then configs, then tags are stored, so a failure leaves no half-loaded image.
 */
final class ImageLoad {

  private final ImageStore store;
  private final ImageEvents events;
  private final Path tmpRoot;

  ImageLoad(ImageStore store, ImageEvents events, Path tmpRoot) {
    this.store = store;
    this.events = events;
    this.tmpRoot = tmpRoot;
  }

  /** Loads every image of the archive; returns the lines to report ("Loaded image: x:y\n"). */
  List<String> load(InputStream body) throws IOException {
    Path dir = tmpRoot.resolve("load-" + Ids.random64().substring(0, 16));
    try {
      Files.createDirectories(dir);
      try {
        extract(Compression.decompressed(body), dir);
      } catch (IOException e) {
        throw EngineException.invalidParameter("Error processing tar file: " + e.getMessage());
      }
      if (Files.isRegularFile(dir.resolve("manifest.json"))) {
        return loadDockerArchive(dir);
      }
      if (Files.isRegularFile(dir.resolve("index.json"))) {
        return loadOciLayout(dir);
      }
      throw EngineException.invalidParameter("invalid archive: neither manifest.json nor index.json found");
    } finally {
      FileTrees.delete(dir);
    }
  }

  private List<String> loadDockerArchive(Path dir) throws IOException {
    JsonArray manifest = new JsonArray(Files.readString(dir.resolve("manifest.json")));
    List<String> lines = new ArrayList<>();
    for (Object o : manifest) {
      JsonObject m = (JsonObject) o;
      byte[] config = Files.readAllBytes(inside(dir, m.getString("Config")));
      List<Path> layerFiles = new ArrayList<>();
      for (Object l : m.getJsonArray("Layers", new JsonArray())) {
        layerFiles.add(inside(dir, (String) l));
      }
      List<String> tags = new ArrayList<>();
      m.getJsonArray("RepoTags", new JsonArray()).forEach(t -> tags.add((String) t));
      lines.addAll(store(config, layerFiles, tags));
    }
    return lines;
  }

  private List<String> loadOciLayout(Path dir) throws IOException {
    JsonObject index = new JsonObject(Files.readString(dir.resolve("index.json")));
    List<String> lines = new ArrayList<>();
    for (Object o : index.getJsonArray("manifests", new JsonArray())) {
      JsonObject desc = (JsonObject) o;
      JsonObject annotations = desc.getJsonObject("annotations", new JsonObject());
      JsonObject manifest = Manifests.platformManifest(desc, d -> Files.readAllBytes(blob(dir, d)));
      byte[] config = Files.readAllBytes(blob(dir, manifest.getJsonObject("config").getString("digest")));
      List<Path> layerFiles = new ArrayList<>();
      for (Object l : manifest.getJsonArray("layers", new JsonArray())) {
        layerFiles.add(blob(dir, ((JsonObject) l).getString("digest")));
      }
      List<String> tags = new ArrayList<>();
      String name = annotations.getString("io.containerd.image.name", annotations.getString("org.opencontainers.image.ref.name"));
      if (name != null && (name.contains(":") || name.contains("/"))) {
        tags.add(name);
      }
      lines.addAll(store(config, layerFiles, tags));
    }
    return lines;
  }

  /** Stores one image: layers (checked against the config's diff_ids), config, then tags. */
  private List<String> store(byte[] rawConfig, List<Path> layerFiles, List<String> tags) throws IOException {
    List<Reference> refs = new ArrayList<>();
    for (String t : tags) {
      refs.add(Reference.parse(t).withDefaultTag());
    }
    JsonObject config = new JsonObject(new String(rawConfig, java.nio.charset.StandardCharsets.UTF_8));
    JsonArray diffIds = config.getJsonObject("rootfs", new JsonObject()).getJsonArray("diff_ids", new JsonArray());
    if (diffIds.size() != layerFiles.size()) {
      throw EngineException.invalidParameter("invalid manifest, layers length mismatch: expected " + diffIds.size() + ", got " + layerFiles.size());
    }
    List<String> pinned = new ArrayList<>();
    ImageStore.Image image;
    try {
      String parent = null;
      for (int i = 0; i < layerFiles.size(); i++) {
        String diffId = diffIds.getString(i);
        String chain = LayerStore.chainId(parent, diffId);
        if (!store.layers().pinIfPresent(chain)) {
          try (InputStream in = Compression.decompressed(Files.newInputStream(layerFiles.get(i)))) {
            store.layers().register(in, parent, diffId);
          } catch (IOException e) {
            throw EngineException.invalidParameter("layer " + (i + 1) + ": " + e.getMessage());
          }
        }
        pinned.add(chain);
        parent = chain;
      }
      image = store.addImage(rawConfig);
    } finally {
      pinned.forEach(store.layers()::unpin);
    }
    List<String> lines = new ArrayList<>();
    for (Reference ref : refs) {
      String previous = store.tag(ref, image.id());
      if (previous != null) {
        lines.add("The image " + ref.familiar() + " already exists, renaming the old one with ID " + previous + " to empty string\n");
      }
    }
    events.publish("load", image, image.id());
    if (refs.isEmpty()) {
      lines.add("Loaded image ID: " + image.id() + "\n");
    }
    for (Reference ref : refs) {
      lines.add("Loaded image: " + ref.familiar() + "\n");
    }
    return lines;
  }

  private static Path blob(Path dir, String digest) throws IOException {
    if (digest == null || !digest.matches("[a-z0-9]+:[a-f0-9]{32,}")) {
      throw EngineException.invalidParameter("invalid digest " + digest);
    }
    return inside(dir, "blobs/" + digest.replace(':', '/'));
  }

  /** A path of the archive that must stay inside it, even through the archive's symlinks. */
  private static Path inside(Path dir, String relative) throws IOException {
    if (relative == null) {
      throw EngineException.invalidParameter("invalid manifest: missing path");
    }
    Path p = dir.resolve(relative).normalize();
    if (!p.startsWith(dir) || !Files.exists(p)) {
      throw EngineException.invalidParameter("invalid archive: " + relative + " is missing");
    }
    if (!p.toRealPath().startsWith(dir.toRealPath())) {
      throw EngineException.invalidParameter("invalid archive: " + relative + " points outside the archive");
    }
    return p;
  }

  /** Unpacks files, folders and relative symlinks; nothing may leave {@code dir}. */
  private static void extract(InputStream in, Path dir) throws IOException {
    TarArchiveInputStream tar = new TarArchiveInputStream(in, "UTF-8");
    TarArchiveEntry e;
    int entries = 0;
    while ((e = tar.getNextEntry()) != null) {
      entries++;
      String name = TarUnpacker.clean(e.getName());
      if (name.isEmpty()) {
        continue;
      }
      Path target = dir.resolve(name).normalize();
      if (!target.startsWith(dir)) {
        throw new IOException("invalid entry " + e.getName());
      }
      // writes never go through the archive's own symlinks; reads are checked in inside()
      for (Path a = target.getParent(); !a.equals(dir); a = a.getParent()) {
        if (Files.isSymbolicLink(a)) {
          throw new IOException("invalid entry " + e.getName() + ": path goes through a symlink");
        }
      }
      Files.createDirectories(target.getParent());
      if (e.isDirectory()) {
        Files.createDirectories(target);
      } else if (e.isSymbolicLink()) {
        Path resolved = target.getParent().resolve(e.getLinkName()).normalize();
        if (!resolved.startsWith(dir)) {
          throw new IOException("invalid symlink " + e.getName() + " -> " + e.getLinkName());
        }
        Files.deleteIfExists(target);
        Files.createSymbolicLink(target, Path.of(e.getLinkName()));
      } else if (e.isFile()) {
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
          FileTrees.delete(target);
        }
        try (OutputStream out = Files.newOutputStream(target)) {
          tar.transferTo(out);
        }
      }
    }
    if (entries == 0) {
      throw new IOException("empty archive");
    }
  }
}
