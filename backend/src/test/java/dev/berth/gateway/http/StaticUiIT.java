package dev.berth.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.gateway.TestGateway;
import dev.berth.gateway.TestGateway.Answer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The web UI from the frontend jar's webroot/, with client-side routes falling back to index.html. */
class StaticUiIT {
  private static TestGateway gw;

  @BeforeAll
  static void start() throws Exception {
    gw = TestGateway.start();
  }

  @AfterAll
  static void stop() throws Exception {
    gw.close();
  }

  @Test
  void servesIndexAssetsAndSpaFallback() throws Exception {
    Answer index = gw.get("/");
    assertEquals(200, index.status());
    assertTrue(index.header("Content-Type").startsWith("text/html"));
    assertEquals("DENY", index.header("X-Frame-Options"));
    Matcher script = Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"").matcher(index.body());
    assertTrue(script.find(), "index.html references its bundle");
    Answer asset = gw.get(script.group(1));
    assertEquals(200, asset.status());
    assertTrue(asset.header("Content-Type").contains("javascript"));

    Answer clientRoute = gw.get("/hosts/local/containers");
    assertEquals(200, clientRoute.status());
    assertEquals(index.body(), clientRoute.body());

    Answer apiMiss = gw.get("/api/no-such-thing", "X-API-Key", "x");
    assertEquals(401, apiMiss.status(), "API paths never fall back to the UI");
    assertTrue(apiMiss.header("Content-Type").startsWith("application/json"));
    assertEquals(405, gw.call("POST", "/somewhere", "{}").status(), "only GETs fall back");
  }
}
