package dev.berth.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.gateway.TestGateway;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;

/** Plain HTTP only on loopback or when allowed; otherwise TLS with a generated self-signed pair. */
class TlsIT {
  @Test
  void nonLoopbackListenerRefusesPlainHttpAndServesTls() throws Exception {
    try (TestGateway gw = TestGateway.start("--listen-host", "0.0.0.0")) {
      assertTrue(gw.config.usesTls());
      assertTrue(Files.isRegularFile(gw.dataDir.resolve("tls/gateway.crt")));
      assertTrue(Files.isRegularFile(gw.dataDir.resolve("tls/gateway.key")));
      String plainUrl = "http://127.0.0.1:" + gw.config.listenPort() + "/api/status";
      HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      HttpRequest request = HttpRequest.newBuilder(URI.create(plainUrl)).timeout(Duration.ofSeconds(5)).build();
      assertThrows(IOException.class, () -> plain.send(request, HttpResponse.BodyHandlers.ofString()),
          "a TLS listener does not answer plain HTTP");

      HttpResponse<String> secure = trustingClient().send(
          HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + gw.config.listenPort() + "/api/status")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, secure.statusCode());
      assertTrue(secure.body().contains("setupRequired"));
    }
  }

  @Test
  void plainHttpOnNonLoopbackOnlyWhenAllowed() throws Exception {
    try (TestGateway gw = TestGateway.start("--listen-host", "0.0.0.0", "--allow-plain-http")) {
      assertEquals(200, gw.get("/api/status").status());
      assertTrue(Files.notExists(gw.dataDir.resolve("tls")));
    }
  }

  @Test
  void loopbackDefaultsToPlainHttp() throws Exception {
    try (TestGateway gw = TestGateway.start()) {
      assertEquals("http", URI.create(gw.baseUrl).getScheme());
      TestGateway.Answer status = gw.get("/api/status");
      assertEquals(200, status.status());
      assertEquals(HttpClient.Version.HTTP_1_1, status.raw().version(), "the JDK client's h2c upgrade is declined");
    }
  }

  /** Trusts the generated self-signed certificate (the test only checks that TLS is served). */
  private static HttpClient trustingClient() throws Exception {
    TrustManager[] trustAll = {new X509TrustManager() {
      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType) {}

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType) {}

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
      }
    }};
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trustAll, null);
    System.setProperty("jdk.internal.httpclient.disableHostnameVerification", "true");
    return HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(5)).build();
  }
}
