package dev.berth.engine.images;

import dev.berth.engine.errors.EngineException;
import dev.berth.engine.util.Ids;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * `docker save`: the legacy docker-archive that dockerd 20.10 loads (manifest.json,
 * repositories, &lt;config-hex&gt;.json, &lt;layer&gt;/layer.tar), streamed layer by layer.
 */
final class ImageSave {

  /** The images to write with the tags to record for each, resolved before streaming. */
  record Plan(Map<String, Set<Reference>> images) {}

  private final ImageStore store;
  private final ImageEvents events;

  ImageSave(ImageStore store, ImageEvents events) {
    this.store = store;
    this.events = events;
  }

  /** Resolves names like dockerd: a bare repository name saves all its tags, an id none. */
  Plan plan(List<String> names) {
    if (names.isEmpty()) {
      throw EngineException.invalidParameter("no images specified");
    }
    Map<String, Set<Reference>> out = new LinkedHashMap<>();
    for (String name : names) {
      Reference parsed = parseOrNull(name);
      if (parsed != null && parsed.nameOnly()) {
        boolean any = false;
        for (ImageStore.Image image : store.list()) {
          for (Reference r : store.refsOf(image.id())) {
            if (r.name().equals(parsed.name()) && r.tag() != null) {
              out.computeIfAbsent(image.id(), k -> new LinkedHashSet<>()).add(r);
              any = true;
            }
          }
        }
        if (any) {
          continue;
        }
      }
      ImageStore.Image image = store.get(name);
      Set<Reference> tags = out.computeIfAbsent(image.id(), k -> new LinkedHashSet<>());
      Reference stored = store.storedRef(name);
      if (stored != null && stored.tag() != null) {
        tags.add(stored);
      }
    }
    return new Plan(out);
  }

  private static Reference parseOrNull(String name) {
    try {
      return name.startsWith("sha256:") ? null : Reference.parse(name);
    } catch (EngineException e) {
      return null;
    }
  }

  void write(Plan plan, OutputStream out) throws IOException {
    TarArchiveOutputStream tar = new TarArchiveOutputStream(out, StandardCharsets.UTF_8.name());
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    JsonArray manifest = new JsonArray();
    JsonObject repositories = new JsonObject();
    Set<String> written = new HashSet<>();
    for (Map.Entry<String, Set<Reference>> e : plan.images().entrySet()) {
      ImageStore.Image image = store.byId(e.getKey());
      if (image == null) {
        throw new IOException("image " + e.getKey() + " was deleted during the save");
      }
      Date created = new Date(Instant.now().toEpochMilli());
      String configName = LayerStore.hex(image.id()) + ".json";
      if (written.add(configName)) {
        file(tar, configName, image.raw(), created);
      }
      JsonArray layerPaths = new JsonArray();
      String parentV1 = null;
      for (String chain : image.chainIds()) {
        // a stable legacy v1 id per layer position, like dockerd's directories
        String v1 = Ids.digest(((parentV1 == null ? "" : parentV1) + " " + chain).getBytes(StandardCharsets.UTF_8)).substring(7);
        if (written.add(v1)) {
          TarArchiveEntry dir = new TarArchiveEntry(v1 + "/");
          dir.setModTime(created);
          tar.putArchiveEntry(dir);
          tar.closeArchiveEntry();
          file(tar, v1 + "/VERSION", "1.0".getBytes(StandardCharsets.UTF_8), created);
          JsonObject json = new JsonObject().put("id", v1);
          if (parentV1 != null) {
            json.put("parent", parentV1);
          }
          file(tar, v1 + "/json", json.put("created", "0001-01-01T00:00:00Z").encode().getBytes(StandardCharsets.UTF_8), created);
          Path layerTar = store.layers().tarFile(chain);
          TarArchiveEntry entry = new TarArchiveEntry(v1 + "/layer.tar");
          entry.setSize(Files.size(layerTar));
          entry.setModTime(created);
          tar.putArchiveEntry(entry);
          try (InputStream in = Files.newInputStream(layerTar)) {
            in.transferTo(tar);
          }
          tar.closeArchiveEntry();
        }
        layerPaths.add(v1 + "/layer.tar");
        parentV1 = v1;
      }
      JsonArray repoTags = new JsonArray();
      for (Reference r : e.getValue()) {
        repoTags.add(r.familiar());
        JsonObject byTag = repositories.getJsonObject(r.familiarName());
        if (byTag == null) {
          byTag = new JsonObject();
          repositories.put(r.familiarName(), byTag);
        }
        if (parentV1 != null) {
          byTag.put(r.tag(), parentV1);
        }
      }
      manifest.add(new JsonObject().put("Config", configName).put("RepoTags", repoTags.isEmpty() ? null : repoTags).put("Layers", layerPaths));
      events.publish("save", image, image.id());
    }
    Date epoch = new Date(0);
    file(tar, "manifest.json", manifest.encode().getBytes(StandardCharsets.UTF_8), epoch);
    if (!repositories.isEmpty()) {
      file(tar, "repositories", repositories.encode().getBytes(StandardCharsets.UTF_8), epoch);
    }
    tar.finish();
    out.flush();
  }

  private static void file(TarArchiveOutputStream tar, String name, byte[] content, Date time) throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setSize(content.length);
    entry.setModTime(time);
    tar.putArchiveEntry(entry);
    tar.write(content);
    tar.closeArchiveEntry();
  }
}
