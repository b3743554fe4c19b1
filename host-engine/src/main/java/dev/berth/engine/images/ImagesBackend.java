package dev.berth.engine.images;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What the images router needs. Streaming operations come in two steps: prepare validates
 * (and fails with a status) before the first byte goes out, run does the work.
 */
public interface ImagesBackend {

  /** Reads a request body into a new image; returns the image id. */
  interface BodyReader {
    String run(InputStream body) throws IOException;
  }

  /** Writes a response body. */
  interface BodyWriter {
    void run(OutputStream out) throws IOException;
  }

  /** Does a pull, reporting dockerd's progress messages as it goes. */
  interface Pull {
    void run(Consumer<JsonObject> progress) throws IOException;
  }

  /** Fetches manifest and config (blocking); registry errors come out here, with a status. */
  Pull preparePull(String image, String tag, String platform, String registryAuth) throws IOException;

  /** Resolves the tags to push (404 before any byte); registry errors come in-band. */
  Pull preparePush(String name, String tag, String registryAuth);

  /** docker login: checks the credentials against the registry (401 when it refuses them). */
  void login(String serverAddress, String username, String password) throws IOException;

  BodyReader prepareImport(String repo, String tag, List<String> changes, String message);

  /** Without {@code all}, untagged images that are another image's parent (build steps) are left out, as dockerd does. */
  JsonArray list(Map<String, List<String>> filters, boolean all);

  JsonObject inspect(String name);

  JsonArray history(String name);

  void tag(String name, String repo, String tag) throws IOException;

  JsonArray delete(String name, boolean force) throws IOException;

  JsonObject prune(Map<String, List<String>> filters) throws IOException;

  BodyWriter prepareSave(List<String> names);

  /** Loads an archive; returns the report lines ("Loaded image: x:y\n"). */
  List<String> load(InputStream body) throws IOException;
}
