package dev.berth.engine.images;

import dev.berth.engine.errors.EngineException;
import dev.berth.engine.util.Ids;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A registry v2 client for one repository: manifests and blobs, plain HTTP for insecure
 * registries (127.0.0.0/8, localhost, --insecure-registry), HTTPS otherwise. When a registry
 * answers 401 it follows the challenge: Basic with the client's credentials, or a Bearer
 * token fetched with them (or anonymously without).
 */
final class RegistryClient {

  static final String ACCEPT = String.join(", ", Manifests.DOCKER_MANIFEST, Manifests.DOCKER_LIST, Manifests.OCI_MANIFEST, Manifests.OCI_INDEX);
  private static final Pattern CHALLENGE = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  /** A fetched manifest: its bytes, digest and media type. */
  record Manifest(byte[] bytes, String digest, String mediaType) {}

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(15)).followRedirects(HttpClient.Redirect.NORMAL).build();
  private final Reference ref;
  private final String host;
  private final String base;
  /** "Basic ..." from the client's X-Registry-Auth, or null. */
  private final String basic;
  /** The Authorization header that the registry accepted, once known. */
  private String authorization;
  /** "pull", or "push" (tokens then ask for pull,push; errors speak of pushing). */
  private final String action;

  RegistryClient(Reference ref, List<String> insecureRegistries, String registryAuth) {
    this(ref, insecureRegistries, registryAuth, "pull");
  }

  RegistryClient(Reference ref, List<String> insecureRegistries, String registryAuth, String action) {
    this.ref = ref;
    this.action = action;
    this.basic = basicCredentials(registryAuth);
    this.host = ref.domain().equals(Reference.DEFAULT_DOMAIN) ? "registry-1.docker.io" : ref.domain();
    this.base = (insecure(ref.domain(), insecureRegistries) ? "http://" : "https://") + host;
  }

  static boolean insecure(String domain, List<String> insecureRegistries) {
    if (insecureRegistries.contains(domain)) {
      return true;
    }
    String host = domain.replaceFirst(":\\d+$", "");
    if (host.equals("localhost")) {
      return true;
    }
    if (host.matches("\\d+\\.\\d+\\.\\d+\\.\\d+")) {
      try {
        return InetAddress.getByName(host).isLoopbackAddress() || insecureRegistries.stream().anyMatch(c -> inCidr(host, c));
      } catch (IOException e) {
        return false;
      }
    }
    return false;
  }

  private static boolean inCidr(String ip, String cidr) {
    int slash = cidr.indexOf('/');
    if (slash < 0) {
      return false;
    }
    try {
      byte[] a = InetAddress.getByName(ip).getAddress();
      byte[] net = InetAddress.getByName(cidr.substring(0, slash)).getAddress();
      int bits = Integer.parseInt(cidr.substring(slash + 1));
      if (a.length != net.length) {
        return false;
      }
      for (int i = 0; i < bits; i++) {
        int mask = 0x80 >> (i % 8);
        if ((a[i / 8] & mask) != (net[i / 8] & mask)) {
          return false;
        }
      }
      return true;
    } catch (IOException | NumberFormatException e) {
      return false;
    }
  }

  /** The manifest for a tag or digest; 404 with dockerd's wording when the registry lacks it. */
  Manifest manifest(String tagOrDigest) throws IOException {
    HttpResponse<byte[]> r = send(get("/manifests/" + tagOrDigest).header("Accept", ACCEPT), HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() == 404) {
      throw EngineException.notFound("manifest for " + ref.familiar() + " not found: manifest unknown: manifest unknown");
    }
    check(r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
    String digest = Ids.digest(r.body());
    if (tagOrDigest.startsWith("sha256:") && !tagOrDigest.equals(digest)) {
      throw EngineException.system("manifest digest mismatch: expected " + tagOrDigest + ", got " + digest, null);
    }
    String type = r.headers().firstValue("Content-Type").orElse(null);
    return new Manifest(r.body(), digest, type);
  }

  /** A whole small blob (a config), checked against its digest. */
  byte[] blobBytes(String digest) throws IOException {
    HttpResponse<byte[]> r = send(get("/blobs/" + digest), HttpResponse.BodyHandlers.ofByteArray());
    check(r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
    if (!Ids.digest(r.body()).equals(digest)) {
      throw EngineException.system("blob digest mismatch for " + digest, null);
    }
    return r.body();
  }

  /** A blob as a stream (a layer); the caller closes it. */
  InputStream blob(String digest) throws IOException {
    HttpResponse<InputStream> r = send(get("/blobs/" + digest), HttpResponse.BodyHandlers.ofInputStream());
    if (r.statusCode() != 200) {
      String body;
      try (InputStream in = r.body()) {
        body = new String(in.readNBytes(4096), StandardCharsets.UTF_8);
      }
      check(r.statusCode(), body);
    }
    return r.body();
  }

  /** Whether the repository has this blob already (HEAD). */
  boolean hasBlob(String digest) throws IOException {
    HttpResponse<Void> r = send(request("/blobs/" + digest).method("HEAD", HttpRequest.BodyPublishers.noBody()),
        HttpResponse.BodyHandlers.discarding());
    if (r.statusCode() == 404) {
      return false;
    }
    check(r.statusCode(), "");
    return true;
  }

  /**
   * Uploads a blob whose digest is known only at the end (a layer compressed on the fly): POST
   * opens the upload, PATCH streams the body, PUT with the digest commits it.
   */
  void uploadBlob(InputStream body, java.util.function.Supplier<String> digestAtEnd) throws IOException {
    String location = startUpload();
    HttpResponse<String> patch = send(HttpRequest.newBuilder(location(location)).timeout(Duration.ofHours(2))
        .header("Content-Type", "application/octet-stream")
        .method("PATCH", HttpRequest.BodyPublishers.ofInputStream(() -> body)), HttpResponse.BodyHandlers.ofString());
    check(patch.statusCode(), patch.body());
    String next = patch.headers().firstValue("Location").orElse(location);
    commitUpload(next, digestAtEnd.get(), HttpRequest.BodyPublishers.noBody());
  }

  /** Uploads a small blob (the image config) in one request. */
  void uploadBlob(byte[] content, String digest) throws IOException {
    commitUpload(startUpload(), digest, HttpRequest.BodyPublishers.ofByteArray(content));
  }

  /** Stores a manifest under a tag; returns the digest the registry reports. */
  String putManifest(String tag, byte[] manifest, String mediaType) throws IOException {
    HttpResponse<String> r = send(request("/manifests/" + tag).header("Content-Type", mediaType)
        .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest)), HttpResponse.BodyHandlers.ofString());
    check(r.statusCode(), r.body());
    return r.headers().firstValue("Docker-Content-Digest").orElse(Ids.digest(manifest));
  }

  /**
   * Asks the registry to link a blob it holds for another repository into this one (a
   * cross-repository mount, as dockerd does). False when it declined and opened an upload
   * instead; that upload is cancelled.
   */
  boolean mountBlob(String digest, String fromRepository) throws IOException {
    HttpResponse<String> r = send(request("/blobs/uploads/?mount=" + URLEncoder.encode(digest, StandardCharsets.UTF_8)
        + "&from=" + URLEncoder.encode(fromRepository, StandardCharsets.UTF_8)).POST(HttpRequest.BodyPublishers.noBody()),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() == 201) {
      return true;
    }
    check(r.statusCode(), r.body());
    r.headers().firstValue("Location").ifPresent(location -> {
      try {
        send(HttpRequest.newBuilder(location(location)).timeout(Duration.ofMinutes(1)).DELETE(),
            HttpResponse.BodyHandlers.discarding());
      } catch (IOException | RuntimeException e) {
        // an abandoned upload expires on the registry's side
      }
    });
    return false;
  }

  private String startUpload() throws IOException {
    HttpResponse<String> r = send(request("/blobs/uploads/").POST(HttpRequest.BodyPublishers.noBody()),
        HttpResponse.BodyHandlers.ofString());
    check(r.statusCode(), r.body());
    return r.headers().firstValue("Location")
        .orElseThrow(() -> EngineException.system("registry " + ref.domain() + " opened an upload without a Location", null));
  }

  private void commitUpload(String location, String digest, HttpRequest.BodyPublisher body) throws IOException {
    String uri = location(location).toString();
    uri += (uri.contains("?") ? "&" : "?") + "digest=" + URLEncoder.encode(digest, StandardCharsets.UTF_8);
    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofMinutes(10))
        .header("Content-Type", "application/octet-stream").PUT(body), HttpResponse.BodyHandlers.ofString());
    check(r.statusCode(), r.body());
  }

  /** An upload Location, which registries may give relative to their root. */
  private URI location(String location) {
    return URI.create(base).resolve(location);
  }

  private HttpRequest.Builder request(String suffix) {
    return HttpRequest.newBuilder(URI.create(base + "/v2/" + ref.path() + suffix)).timeout(Duration.ofMinutes(10));
  }

  private HttpRequest.Builder get(String suffix) {
    return HttpRequest.newBuilder(URI.create(base + "/v2/" + ref.path() + suffix)).timeout(Duration.ofMinutes(10)).GET();
  }

  private <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler) throws IOException {
    try {
      if (authorization != null) {
        request.setHeader("Authorization", authorization);
      }
      HttpResponse<T> r = http.send(request.build(), handler);
      if (r.statusCode() == 401 && authorization == null) {
        String challenge = r.headers().firstValue("WWW-Authenticate").orElse("");
        if (challenge.startsWith("Bearer ")) {
          authorization = "Bearer " + token(challenge);
        } else if (challenge.startsWith("Basic") && basic != null) {
          authorization = basic;
        } else {
          return r;
        }
        request.setHeader("Authorization", authorization);
        return http.send(request.build(), handler);
      }
      return r;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (IOException e) {
      String uri = base + "/v2/";
      throw EngineException.system("Get \"" + uri + "\": " + describe(e, host), e);
    }
  }

  private String token(String challenge) throws IOException, InterruptedException {
    URI uri = tokenUri(challenge, "repository:" + ref.path() + (action.equals("push") ? ":pull,push" : ":pull"));
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
    if (basic != null) {
      request.header("Authorization", basic);
    }
    HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    check(r.statusCode(), r.body());
    JsonObject body = new JsonObject(r.body());
    return body.getString("token", body.getString("access_token"));
  }

  /**
   * Where a Bearer challenge (`realm="...",service="..."`) says to fetch a token, for a scope
   * (null: none, as `docker login` asks).
   */
  static URI tokenUri(String challenge, String scope) {
    Map<String, String> params = new java.util.HashMap<>();
    Matcher m = CHALLENGE.matcher(challenge);
    while (m.find()) {
      params.put(m.group(1), m.group(2));
    }
    String realm = params.get("realm");
    if (realm == null) {
      throw EngineException.system("registry sent a bearer challenge without a realm", null);
    }
    List<String> query = new java.util.ArrayList<>();
    if (params.containsKey("service")) {
      query.add("service=" + URLEncoder.encode(params.get("service"), StandardCharsets.UTF_8));
    }
    if (scope != null) {
      query.add("scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8));
    }
    return URI.create(query.isEmpty() ? realm : realm + (realm.contains("?") ? "&" : "?") + String.join("&", query));
  }

  /**
   * The docker CLI's X-Registry-Auth: base64url JSON with username and password (or "auth",
   * base64 of user:password). Null when absent or empty.
   */
  static String basicCredentials(String registryAuth) {
    if (registryAuth == null || registryAuth.isBlank()) {
      return null;
    }
    JsonObject auth;
    try {
      String padded = registryAuth.strip() + "===".substring(0, (4 - registryAuth.strip().length() % 4) % 4);
      auth = new JsonObject(new String(java.util.Base64.getUrlDecoder().decode(padded.replace('+', '-').replace('/', '_')), StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      throw EngineException.invalidParameter("invalid X-Registry-Auth header");
    }
    String user = auth.getString("username", "");
    String password = auth.getString("password", "");
    if (user.isEmpty() && !auth.getString("auth", "").isEmpty()) {
      String decoded = new String(java.util.Base64.getDecoder().decode(auth.getString("auth")), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      user = colon < 0 ? decoded : decoded.substring(0, colon);
      password = colon < 0 ? "" : decoded.substring(colon + 1);
    }
    if (user.isEmpty()) {
      return null;
    }
    return "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** Registry errors as dockerd words them. */
  private void check(int status, String body) {
    if (status >= 200 && status < 300) {
      return;
    }
    if ((status == 401 || status == 403) && action.equals("push")) {
      throw EngineException.forbidden(status == 401 ? "unauthorized: authentication required"
          : "denied: requested access to the resource is denied");
    }
    if (status == 401 || status == 403) {
      throw EngineException.forbidden(
          "pull access denied for " + ref.familiarName() + ", repository does not exist or may require 'docker login': denied: requested access to the resource is denied");
    }
    if (status == 404) {
      throw EngineException.notFound("repository " + ref.familiarName() + " not found: name unknown: the requested repository was not found");
    }
    throw EngineException.system("error from registry " + ref.domain() + ": HTTP " + status + " " + body.strip(), null);
  }

  private static String describe(IOException e, String domain) {
    if (e instanceof java.net.ConnectException) {
      return "dial tcp " + domain + ": connect: connection refused";
    }
    if (e instanceof java.net.http.HttpConnectTimeoutException) {
      return "dial tcp " + domain + ": i/o timeout";
    }
    return e.getMessage() != null ? e.getMessage() : e.toString();
  }
}
