package dev.berth.engine.build;

import dev.berth.engine.util.AtomicFiles;
import dev.berth.engine.util.Ids;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;

/**
 * The classic builder's cache: a step's image is reused when the parent image and the step
 * (its created_by, which holds COPY's content hash and RUN's build args, and the resulting
 * config) are the same. One small file per key holds the image id; a removed image is a miss.
 */
final class BuildCache {

  private final Path dir;
  private final Predicate<String> imageExists;

  BuildCache(Path dir, Predicate<String> imageExists) throws IOException {
    this.dir = dir;
    this.imageExists = imageExists;
    Files.createDirectories(dir);
  }

  static String key(String parentId, String createdBy, String runtimeJson) {
    var d = Ids.sha256();
    d.update((parentId == null ? "scratch" : parentId).getBytes(StandardCharsets.UTF_8));
    d.update((byte) 0);
    d.update(createdBy.getBytes(StandardCharsets.UTF_8));
    d.update((byte) 0);
    d.update(runtimeJson.getBytes(StandardCharsets.UTF_8));
    return Ids.hex(d);
  }

  /** The cached image id for the key, or null. */
  String get(String key) throws IOException {
    Path f = dir.resolve(key);
    if (!Files.exists(f)) {
      return null;
    }
    String id = Files.readString(f).strip();
    return imageExists.test(id) ? id : null;
  }

  void put(String key, String imageId) throws IOException {
    AtomicFiles.writeString(dir.resolve(key), imageId);
  }
}
