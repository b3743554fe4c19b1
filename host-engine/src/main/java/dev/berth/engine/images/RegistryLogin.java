package dev.berth.engine.images;

import dev.berth.engine.errors.EngineException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * `docker login` (POST /auth): checks the credentials against the registry's /v2/ as dockerd
 * does, with Basic, or with a Bearer token fetched with them. Nothing is stored here: the CLI
 * keeps the credentials and sends them with each pull and push.
 */
final class RegistryLogin {
  private static final Pattern CHALLENGE = Pattern.compile("(\\w+)=\"([^\"]*)\"");
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(15)).build();

  private RegistryLogin() {}

  static void check(String serverAddress, String username, String password, List<String> insecureRegistries)
      throws IOException {
    if (username == null || username.isEmpty()) {
      throw EngineException.invalidParameter("username is required");
    }
    String domain = domain(serverAddress);
    String base = (RegistryClient.insecure(domain, insecureRegistries) ? "http://" : "https://")
        + (domain.equals(Reference.DEFAULT_DOMAIN) ? "registry-1.docker.io" : domain);
    String endpoint = base + "/v2/";
    String basic = "Basic " + Base64.getEncoder().encodeToString((username + ":" + (password == null ? "" : password))
        .getBytes(StandardCharsets.UTF_8));
    try {
      HttpResponse<Void> first = HTTP.send(HttpRequest.newBuilder(URI.create(endpoint)).GET().build(),
          HttpResponse.BodyHandlers.discarding());
      if (first.statusCode() == 200) {
        return; // a registry without authentication takes anyone
      }
      String challenge = first.headers().firstValue("WWW-Authenticate").orElse("");
      int status;
      if (challenge.startsWith("Bearer ")) {
        status = HTTP.send(HttpRequest.newBuilder(tokenUri(challenge)).header("Authorization", basic).GET().build(),
            HttpResponse.BodyHandlers.discarding()).statusCode();
      } else {
        status = HTTP.send(HttpRequest.newBuilder(URI.create(endpoint)).header("Authorization", basic).GET().build(),
            HttpResponse.BodyHandlers.discarding()).statusCode();
      }
      if (status != 200) {
        throw EngineException.unauthorized("login attempt to " + endpoint + " failed with status: " + status + " "
            + (status == 401 ? "Unauthorized" : status == 403 ? "Forbidden" : "Error"));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (IOException e) {
      throw EngineException.system("Get \"" + endpoint + "\": " + (e instanceof java.net.ConnectException
          ? "dial tcp " + domain + ": connect: connection refused" : e.getMessage()), e);
    }
  }

  /** "https://host:port/", "host:port" or empty (Docker Hub) to a registry domain. */
  static String domain(String serverAddress) {
    if (serverAddress == null || serverAddress.isBlank()) {
      return Reference.DEFAULT_DOMAIN;
    }
    String s = serverAddress.strip().replaceFirst("^https?://", "");
    int slash = s.indexOf('/');
    s = slash < 0 ? s : s.substring(0, slash);
    if (s.equals("index.docker.io") || s.equals("registry-1.docker.io")) {
      return Reference.DEFAULT_DOMAIN;
    }
    if (s.isEmpty() || !s.matches("[A-Za-z0-9.\\-\\[\\]:]+")) {
      throw EngineException.invalidParameter("invalid registry address: " + serverAddress);
    }
    return s;
  }

  private static URI tokenUri(String challenge) {
    Map<String, String> params = new HashMap<>();
    Matcher m = CHALLENGE.matcher(challenge);
    while (m.find()) {
      params.put(m.group(1), m.group(2));
    }
    String realm = params.get("realm");
    if (realm == null) {
      throw EngineException.system("registry sent a bearer challenge without a realm", null);
    }
    String service = params.get("service");
    return URI.create(service == null ? realm
        : realm + (realm.contains("?") ? "&" : "?") + "service=" + URLEncoder.encode(service, StandardCharsets.UTF_8));
  }
}
