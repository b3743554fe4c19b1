package dev.berth.engine.images;

import dev.berth.engine.errors.EngineException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * `docker rmi` with dockerd's rules: a name untags first and deletes only the last
 * reference; an image that a running container uses cannot be deleted, one that a stopped
 * container uses or that several repositories reference only with force.
 */
final class ImageDelete {

  private final ImageStore store;
  private final ImageEvents events;
  private final Supplier<ImageLookup.Usage> usage;

  ImageDelete(ImageStore store, ImageEvents events, Supplier<ImageLookup.Usage> usage) {
    this.store = store;
    this.events = events;
    this.usage = usage;
  }

  /** Returns the [{"Untagged": ...}, {"Deleted": ...}] records, in order. */
  JsonArray delete(String name, boolean force) throws IOException {
    ImageStore.Image image = store.get(name);
    String id = image.id();
    JsonArray records = new JsonArray();
    Reference named = store.storedRef(name);
    List<Reference> refs = store.refsOf(id);
    if (named != null) {
      if (!force && singleReference(refs)) {
        ImageLookup.Usage.User user = firstUser(id, null);
        if (user != null) {
          throw EngineException.conflict(
              "conflict: unable to remove repository reference \"" + name + "\" (must force) - container "
                  + shortId(user.containerId()) + " is using its referenced image " + shortId(id));
        }
      }
      untag(image, named, records);
      // with the repository's last tag gone, its digest references (from pulls) go too
      if (named.digest() == null && store.refsOf(id).stream().noneMatch(r -> r.digest() == null && r.name().equals(named.name()))) {
        for (Reference r : store.refsOf(id)) {
          if (r.name().equals(named.name())) {
            untag(image, r, records);
          }
        }
      }
      if (!store.refsOf(id).isEmpty()) {
        return records;
      }
    } else if (singleReference(refs)) {
      checkConflicts(id, force, false);
      for (Reference r : refs) {
        untag(image, r, records);
      }
    }
    checkConflicts(id, force, true);
    for (Reference r : store.refsOf(id)) {
      untag(image, r, records);
    }
    List<LayerStore.Layer> removed = store.delete(id, i -> firstUser(i, null) != null);
    events.publish("delete", image, id);
    records.add(new JsonObject().put("Deleted", id));
    for (LayerStore.Layer l : removed) {
      records.add(new JsonObject().put("Deleted", l.chainId()));
    }
    return records;
  }

  private void untag(ImageStore.Image image, Reference ref, JsonArray records) throws IOException {
    if (store.untag(ref)) {
      records.add(new JsonObject().put("Untagged", ref.familiar()));
      events.publish("untag", image, image.id());
    }
  }

  /** Running users are a hard conflict; references and stopped users yield to force. */
  private void checkConflicts(String id, boolean force, boolean checkReferences) {
    ImageLookup.Usage.User running = firstUser(id, true);
    if (running != null) {
      throw conflict(id, true, "image is being used by running container " + shortId(running.containerId()));
    }
    if (force) {
      return;
    }
    if (checkReferences && !store.refsOf(id).isEmpty()) {
      throw conflict(id, false, "image is referenced in multiple repositories");
    }
    ImageLookup.Usage.User stopped = firstUser(id, false);
    if (stopped != null) {
      throw conflict(id, false, "image is being used by stopped container " + shortId(stopped.containerId()));
    }
  }

  private ImageLookup.Usage.User firstUser(String id, Boolean running) {
    ImageLookup.Usage u = usage.get();
    if (u == null) {
      return null;
    }
    for (ImageLookup.Usage.User user : u.containersUsing(id)) {
      if (running == null || user.running() == running) {
        return user;
      }
    }
    return null;
  }

  /** dockerd's notion: one tag, possibly with digests of that same repository. */
  private static boolean singleReference(List<Reference> refs) {
    Reference tagged = null;
    for (Reference r : refs) {
      if (r.digest() == null) {
        if (tagged != null) {
          return false;
        }
        tagged = r;
      }
    }
    Reference single = tagged != null ? tagged : refs.isEmpty() ? null : refs.get(0);
    if (single == null) {
      return false;
    }
    for (Reference r : refs) {
      if (!r.name().equals(single.name())) {
        return false;
      }
    }
    return true;
  }

  private static EngineException conflict(String id, boolean hard, String why) {
    return EngineException.conflict(
        "conflict: unable to delete " + shortId(id) + " (" + (hard ? "cannot be forced" : "must be forced") + ") - " + why);
  }

  static String shortId(String id) {
    String hex = id.startsWith("sha256:") ? id.substring(7) : id;
    return hex.length() > 12 ? hex.substring(0, 12) : hex;
  }

  /** POST /images/prune: dangling images (or, with dangling=false, all unused ones). */
  JsonObject prune(Map<String, List<String>> filters) throws IOException {
    for (String key : filters.keySet()) {
      if (!List.of("dangling", "label", "label!", "until").contains(key)) {
        throw EngineException.invalidParameter("invalid filter '" + key + "'");
      }
    }
    boolean danglingOnly = true;
    for (String v : filters.getOrDefault("dangling", List.of())) {
      danglingOnly = ImageFilters.bool("dangling", v);
    }
    ImageFilters match = new ImageFilters(store, Map.of(
        "label", filters.getOrDefault("label", List.of()),
        "label!", filters.getOrDefault("label!", List.of()),
        "until", filters.getOrDefault("until", List.of())));
    JsonArray deleted = new JsonArray();
    long reclaimed = 0;
    for (ImageStore.Image image : store.list()) {
      if (firstUser(image.id(), null) != null || !match.test(image)) {
        continue;
      }
      List<Reference> refs = store.refsOf(image.id());
      if (danglingOnly && !refs.isEmpty()) {
        continue;
      }
      Map<String, Long> layerSizes = new java.util.HashMap<>();
      for (String chain : image.chainIds()) {
        LayerStore.Layer l = store.layers().get(chain);
        layerSizes.put(chain, l == null ? 0L : l.size());
      }
      try {
        JsonArray records = new JsonArray();
        if (refs.isEmpty()) {
          records = delete(image.id(), false);
        } else {
          for (Reference r : refs) {
            records.addAll(delete(r.familiar(), false));
          }
        }
        for (Object o : records) {
          JsonObject rec = (JsonObject) o;
          deleted.add(rec);
          reclaimed += layerSizes.getOrDefault(rec.getString("Deleted", ""), 0L);
        }
      } catch (EngineException conflict) {
        // an image that became used or referenced meanwhile stays, as with dockerd
      }
    }
    return new JsonObject().put("ImagesDeleted", deleted.isEmpty() ? null : deleted).put("SpaceReclaimed", reclaimed);
  }
}
