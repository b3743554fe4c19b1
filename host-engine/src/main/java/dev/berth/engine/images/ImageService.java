package dev.berth.engine.images;

import dev.berth.engine.config.EngineConfig;
import dev.berth.engine.errors.EngineException;
import dev.berth.engine.events.EventLog;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/** The image store's operations behind the images router, one collaborator per verb. */
public final class ImageService implements ImagesBackend {

  private final ImageStore store;
  private final ImageEvents events;
  private final ImageViews views;
  private final ImageImport importer;
  private final ImageDelete deleter;
  private final ImageSave saver;
  private final ImageLoad loader;
  private final RegistryPull puller;
  private final RegistryPush pusher;
  private final java.util.List<String> insecureRegistries;
  private final java.nio.file.Path tmpDir;
  private volatile ImageLookup.Usage usage;

  public ImageService(EngineConfig config, EventLog eventLog) throws IOException {
    this.store = new ImageStore(config.dataRoot);
    this.events = new ImageEvents(eventLog);
    this.views = new ImageViews(store);
    this.importer = new ImageImport(store, events);
    this.deleter = new ImageDelete(store, events, () -> usage);
    this.saver = new ImageSave(store, events);
    this.tmpDir = config.dataRoot.resolve("image").resolve("tmp");
    this.loader = new ImageLoad(store, events, tmpDir);
    DistributionMetadata distribution = new DistributionMetadata(config.dataRoot.resolve("image").resolve("distribution"));
    this.puller = new RegistryPull(store, events, config.insecureRegistries, distribution);
    this.pusher = new RegistryPush(store, events, config.insecureRegistries, distribution);
    this.insecureRegistries = config.insecureRegistries;
  }

  /** `docker commit` over the given containers. */
  public ImageCommit committer(CommitSource containers) {
    return new ImageCommit(store, events, containers, tmpDir);
  }

  /** The lookup that containers use. */
  public ImageLookup lookup() {
    return store;
  }

  public int imageCount() {
    return store.count();
  }

  /** Set by the containers service, so that rmi refuses images in use (409). */
  public void setUsage(ImageLookup.Usage usage) {
    this.usage = usage;
  }

  /** For GET /system/df: {"LayersSize": N, "Images": [summaries with SharedSize and Containers]}. */
  public JsonObject diskUsage() {
    return ImageDiskUsage.compute(store, views, usage);
  }

  @Override
  public BodyReader prepareImport(String repo, String tag, List<String> changes, String message) {
    ImageImport.Request request = ImageImport.prepare(repo, tag, changes, message, "-");
    return body -> importer.run(request, body).id();
  }

  @Override
  public Pull preparePull(String image, String tag, String platform, String registryAuth) throws IOException {
    return puller.prepare(image, tag, platform, registryAuth);
  }

  @Override
  public Pull preparePush(String name, String tag, String registryAuth) {
    return pusher.prepare(name, tag, registryAuth);
  }

  @Override
  public void login(String serverAddress, String username, String password) throws IOException {
    RegistryLogin.check(serverAddress, username, password, insecureRegistries);
  }

  @Override
  public JsonArray list(Map<String, List<String>> filters, boolean all) {
    ImageFilters match = new ImageFilters(store, filters);
    JsonArray out = new JsonArray();
    List<ImageStore.Image> images = store.list();
    // a build step's or commit's config names its parent image in config.Image
    java.util.Set<String> parents = new java.util.HashSet<>();
    images.forEach(i -> parents.add(i.config().getJsonObject("config", new JsonObject()).getString("Image", "")));
    images.removeIf(i -> !all && parents.contains(i.id()) && store.refsOf(i.id()).isEmpty());
    images.sort((a, b) -> Long.compare(ImageViews.createdSeconds(b), ImageViews.createdSeconds(a)));
    for (ImageStore.Image image : images) {
      if (!match.test(image)) {
        continue;
      }
      JsonObject summary = views.summary(image);
      if (filters.containsKey("reference")) {
        JsonArray tags = new JsonArray();
        JsonArray digests = new JsonArray();
        for (Reference r : match.matchingRefs(image)) {
          (r.digest() != null ? digests : tags).add(r.familiar());
        }
        summary.put("RepoTags", tags).put("RepoDigests", digests);
      }
      out.add(summary);
    }
    return out;
  }

  @Override
  public JsonObject inspect(String name) {
    return views.inspect(store.get(name));
  }

  @Override
  public JsonArray history(String name) {
    return views.history(store.get(name));
  }

  @Override
  public void tag(String name, String repo, String tag) throws IOException {
    ImageStore.Image image = store.get(name);
    if (repo == null || repo.isEmpty()) {
      throw EngineException.invalidParameter("repository name must have at least one component");
    }
    Reference ref = Reference.parse(repo);
    if (ref.digest() != null) {
      throw EngineException.invalidParameter("refusing to create a tag with a digest reference");
    }
    if (tag != null && !tag.isEmpty()) {
      if (!tag.matches("[\\w][\\w.-]{0,127}")) {
        throw EngineException.invalidParameter("invalid tag format");
      }
      ref = ref.withTag(tag);
    }
    ref = ref.withDefaultTag();
    store.tag(ref, image.id());
    events.publish("tag", image, ref.familiar());
  }

  @Override
  public JsonArray delete(String name, boolean force) throws IOException {
    return deleter.delete(name, force);
  }

  @Override
  public JsonObject prune(Map<String, List<String>> filters) throws IOException {
    return deleter.prune(filters);
  }

  @Override
  public BodyWriter prepareSave(List<String> names) {
    ImageSave.Plan plan = saver.plan(names);
    return out -> saver.write(plan, out);
  }

  @Override
  public List<String> load(InputStream body) throws IOException {
    return loader.load(body);
  }
}
