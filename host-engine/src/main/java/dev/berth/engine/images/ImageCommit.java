package dev.berth.engine.images;

import dev.berth.engine.api.Versions;
import dev.berth.engine.errors.EngineException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * `docker commit`: the container's upper dir becomes a new layer on top of its image's, and the
 * new image's config is the container's (with the body's fields and --change applied), with a
 * history entry whose created_by is the container's Cmd, as dockerd writes it.
 */
public final class ImageCommit {

  /** The request, validated before anything is touched. */
  public record Request(String container, Reference ref, String givenName, String comment, String author,
      boolean pause, List<String> changes, JsonObject config) {}

  private final ImageStore store;
  private final ImageEvents events;
  private final CommitSource source;
  private final Path tmpDir;

  ImageCommit(ImageStore store, ImageEvents events, CommitSource source, Path tmpDir) {
    this.store = store;
    this.events = events;
    this.source = source;
    this.tmpDir = tmpDir;
  }

  /** Checks repo, tag and changes (400 before any work). */
  public static Request prepare(String container, String repo, String tag, String comment, String author, boolean pause,
      List<String> changes, JsonObject config) {
    if (container == null || container.isEmpty()) {
      throw EngineException.invalidParameter("No container was specified");
    }
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
      if (ref.digest() != null) {
        throw EngineException.invalidParameter("refusing to create a tag with a digest reference");
      }
    }
    // a bad change is refused before the container is paused
    ChangeParser.apply(RuntimeConfig.empty(), changes);
    return new Request(container, ref, given, comment == null ? "" : comment, author == null ? "" : author, pause,
        changes, config == null ? new JsonObject() : config);
  }

  /** Returns the new image id. */
  public String run(Request r) throws IOException {
    ImageStore.Image image;
    String cmd;
    try (CommitSource.Snapshot snap = source.open(r.container(), r.pause())) {
      ImageStore.Image base = store.byId(snap.imageId());
      if (base == null) {
        throw EngineException.notFound("No such image: " + snap.imageId());
      }
      JsonObject runtime = snap.config();
      r.config().forEach(e -> runtime.put(e.getKey(), e.getValue()));
      ChangeParser.apply(runtime, r.changes());
      runtime.put("Image", base.id());
      cmd = String.join(" ", strings(snap.config().getJsonArray("Cmd")));
      String parent = base.chainIds().isEmpty() ? null : base.chainIds().get(base.chainIds().size() - 1);
      LayerStore.Layer layer = register(snap.upperDir(), parent);
      try {
        String created = Instant.now().toString();
        JsonObject config = base.config().copy();
        JsonObject history = new JsonObject().put("created", created);
        if (!r.author().isEmpty()) {
          config.put("author", r.author());
          history.put("author", r.author());
        }
        history.put("created_by", cmd);
        if (!r.comment().isEmpty()) {
          history.put("comment", r.comment());
        }
        config.remove("comment");
        config.put("config", RuntimeConfig.ordered(runtime))
            .put("container", snap.containerId())
            .put("created", created)
            .put("docker_version", "berth-" + Versions.ENGINE)
            .put("history", config.getJsonArray("history", new JsonArray()).copy().add(history));
        JsonObject rootfs = config.getJsonObject("rootfs", new JsonObject()).copy();
        rootfs.put("type", "layers").put("diff_ids", rootfs.getJsonArray("diff_ids", new JsonArray()).copy().add(layer.diffId()));
        config.put("rootfs", rootfs);
        image = store.addImage(config.encode().getBytes(StandardCharsets.UTF_8));
      } finally {
        store.layers().unpin(layer.chainId());
      }
      if (r.ref() != null) {
        store.tag(r.ref(), image.id());
        events.publish("tag", image, r.givenName());
      }
      snap.committed(image.id(), r.givenName() == null ? "" : r.givenName(), r.comment());
    }
    return image.id();
  }

  /**
   * A build step, as dockerd's builder commits it: {@code upper} (null when the step changed no
   * file) becomes a layer on {@code parentId} (null for FROM scratch), the image's config is
   * {@code runtime}, and the history entry says {@code createdBy}, with empty_layer when no layer
   * was added. Returns the new image id.
   */
  public String commitStep(String parentId, Path upper, JsonObject runtime, String createdBy) throws IOException {
    ImageStore.Image base = parentId == null ? null : store.byId(parentId);
    if (parentId != null && base == null) {
      throw EngineException.notFound("No such image: " + parentId);
    }
    JsonObject config = base != null ? base.config().copy()
        : new JsonObject().put("architecture", RuntimeConfig.architecture()).put("os", "linux");
    String parent = base == null || base.chainIds().isEmpty() ? null : base.chainIds().get(base.chainIds().size() - 1);
    LayerStore.Layer layer = upper == null ? null : register(upper, parent);
    try {
      String created = Instant.now().toString();
      JsonObject history = new JsonObject().put("created", created).put("created_by", createdBy);
      JsonObject rootfs = config.getJsonObject("rootfs", new JsonObject()).copy();
      JsonArray diffIds = rootfs.getJsonArray("diff_ids", new JsonArray()).copy();
      if (layer == null) {
        history.put("empty_layer", true);
      } else {
        diffIds.add(layer.diffId());
      }
      config.remove("comment");
      config.remove("container");
      config.put("config", RuntimeConfig.ordered(runtime.copy().put("Image", parentId == null ? "" : parentId)))
          .put("created", created)
          .put("docker_version", "berth-" + Versions.ENGINE)
          .put("history", config.getJsonArray("history", new JsonArray()).copy().add(history))
          .put("rootfs", rootfs.put("type", "layers").put("diff_ids", diffIds));
      return store.addImage(config.encode().getBytes(StandardCharsets.UTF_8)).id();
    } finally {
      if (layer != null) {
        store.layers().unpin(layer.chainId());
      }
    }
  }

  /** The upper dir as a tar in a temp file, then registered as a layer (pinned until the image is written). */
  private LayerStore.Layer register(Path upper, String parent) throws IOException {
    Files.createDirectories(tmpDir);
    Path tar = Files.createTempFile(tmpDir, "commit-", ".tar");
    try {
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tar), 1 << 16)) {
        LayerDiff.write(upper, out);
      }
      try (InputStream in = Files.newInputStream(tar)) {
        return store.layers().register(in, parent, null);
      }
    } finally {
      Files.deleteIfExists(tar);
    }
  }

  private static List<String> strings(JsonArray a) {
    return a == null ? List.of() : a.stream().map(String::valueOf).toList();
  }
}
