package dev.berth.engine.network;

import dev.berth.engine.util.AtomicFiles;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Where networks live on disk. Durable (data root): one file per network, and per container the
 * networks it joins with their aliases and requested addresses. Volatile (exec root): per
 * running container its netns file and the attachments set up in it, which is what a teardown
 * needs after an engine restart. The endpoint files are also held in memory (read once at start,
 * replaced on every write) because every container list reads them all.
 */
final class NetworkStore {

  private final Path networks;
  private final Path endpoints;
  private final Path runtime;
  /** Container id -> the content of its endpoint file; never handed out, only copies. */
  private final Map<String, JsonObject> endpointCache = new ConcurrentHashMap<>();

  NetworkStore(Path dataRoot, Path execRoot) throws IOException {
    this.networks = Files.createDirectories(dataRoot.resolve("network/networks"));
    this.endpoints = Files.createDirectories(dataRoot.resolve("network/endpoints"));
    this.runtime = Files.createDirectories(execRoot.resolve("net"));
    loadEndpoints();
  }

  private void loadEndpoints() throws IOException {
    try (Stream<Path> files = Files.list(endpoints)) {
      for (Path f : files.toList()) {
        String name = f.getFileName().toString();
        if (!name.matches("[0-9a-f]{64}\\.json")) {
          continue; // temp files of an interrupted write
        }
        try {
          endpointCache.put(name.substring(0, 64), new JsonObject(Files.readString(f)));
        } catch (IOException | RuntimeException e) {
          // a torn file reads as no endpoints, as it did before the cache
        }
      }
    }
  }

  List<Network> loadNetworks() throws IOException {
    List<Network> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(networks)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
        out.add(Network.fromJson(new JsonObject(Files.readString(f))));
      }
    }
    return out;
  }

  void save(Network n) throws IOException {
    AtomicFiles.writeString(networks.resolve(n.id() + ".json"), n.toJson().encodePrettily());
  }

  void delete(Network n) throws IOException {
    Files.deleteIfExists(networks.resolve(n.id() + ".json"));
  }

  /** {networkId: {"Aliases": [...], "IPv4Address": "..."}} in attach order; empty when none. */
  JsonObject endpoints(String containerId) {
    JsonObject eps = endpointCache.get(containerId);
    return eps == null ? new JsonObject() : eps.copy();
  }

  /** The recorded endpoints themselves (null when none), replaced, never changed, on every save: a stamp for list entries. */
  Object endpointsRecord(String containerId) {
    return endpointCache.get(containerId);
  }

  /**
   * Whether the container's endpoints were ever recorded: an empty record is a container that
   * was disconnected from every network, which then has none (as on dockerd).
   */
  boolean hasEndpoints(String containerId) {
    return endpointCache.containsKey(containerId);
  }

  /** The file first: a failed write leaves memory agreeing with the disk. */
  void saveEndpoints(String containerId, JsonObject eps) throws IOException {
    JsonObject saved = eps.copy();
    AtomicFiles.writeString(endpoints.resolve(containerId + ".json"), saved.encode());
    endpointCache.put(containerId, saved);
  }

  void deleteEndpoints(String containerId) {
    endpointCache.remove(containerId);
    try {
      Files.deleteIfExists(endpoints.resolve(containerId + ".json"));
    } catch (IOException e) {
      // a left-over file names a removed container and is never read again
    }
  }

  Path netnsFile(String containerId) {
    return runtime.resolve(containerId).resolve("ns");
  }

  List<Attachment> attachments(String containerId) {
    Path f = runtime.resolve(containerId).resolve("attachments.json");
    List<Attachment> out = new ArrayList<>();
    try {
      if (Files.exists(f)) {
        new JsonArray(Files.readString(f)).forEach(a -> out.add(Attachment.fromJson((JsonObject) a)));
      }
    } catch (IOException | RuntimeException e) {
      // a torn file: the netns is still removed
    }
    return out;
  }

  void saveAttachments(String containerId, List<Attachment> list) throws IOException {
    JsonArray a = new JsonArray();
    list.forEach(x -> a.add(x.toJson()));
    Path dir = Files.createDirectories(runtime.resolve(containerId));
    // exec root: gone at reboot together with what it describes, so no fsync
    Files.writeString(dir.resolve("attachments.json"), a.encode());
  }

  boolean hasRuntime(String containerId) {
    return Files.exists(runtime.resolve(containerId));
  }

  void deleteRuntime(String containerId) {
    Path dir = runtime.resolve(containerId);
    try {
      Files.deleteIfExists(dir.resolve("attachments.json"));
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      // the netns file is still mounted: the next reconcile retries
    }
  }

  /** Containers that have (or had, before a crash) a netns of ours. */
  List<String> runtimeContainerIds() throws IOException {
    try (Stream<Path> dirs = Files.list(runtime)) {
      return dirs.map(p -> p.getFileName().toString()).filter(n -> n.matches("[0-9a-f]{64}")).toList();
    }
  }
}
