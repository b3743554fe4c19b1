package dev.berth.engine.images;

import dev.berth.engine.errors.EngineException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * `docker login` (POST /auth): checks the credentials against the registry's /v2/ as dockerd
 * does, with Basic, or with a Bearer token fetched with them. Nothing is stored here: the CLI
 * keeps the credentials and sends them with each pull and push.
 */
final class RegistryLogin {
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
        status = HTTP.send(HttpRequest.newBuilder(RegistryClient.tokenUri(challenge, null)).header("Authorization", basic).GET().build(),
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
}
