package dev.berth.gateway.hosts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HostConnectionTest {

  @Test
  void acceptsUnixAndLoopbackTcp() {
    assertEquals("unix:///run/berth/berth.sock", HostConnection.parse("unix:///run/berth/berth.sock", null).url().toString());
    assertEquals("/run/x.sock", HostConnection.parse("unix:///run/x.sock", null).socketPath());
    assertEquals("tcp://127.0.0.1:2375", HostConnection.parse("tcp://127.0.0.1:2375", null).url().toString());
  }

  @Test
  void rejectsBadUrls() {
    for (String bad : new String[] {"", "http://x:1", "unix://relative.sock", "unix:///", "tcp://127.0.0.1",
        "tcp://127.0.0.1:2375/path", "tcp://10.0.0.5:2375", "tcp://engine.example:2376", "not a url"}) {
      assertThrows(IllegalArgumentException.class, () -> HostConnection.parse(bad, null), bad);
    }
    assertThrows(IllegalArgumentException.class, () -> new TlsMaterial(null, "cert", null));
  }

  @Test
  void badPemIsReportedAtParseTime() {
    TlsMaterial tls = new TlsMaterial("-----BEGIN CERTIFICATE-----\nnope\n-----END CERTIFICATE-----\n", null, null);
    assertThrows(IllegalArgumentException.class, tls::sslConfig);
  }

  @Test
  void requestsRoundTripAsJsonForTheEventBus() {
    EngineRequest r = EngineRequest.post("/containers/create", new JsonObject().put("Image", "x"))
        .param("name", "a b").header("X-Registry-Auth", "e30=");
    EngineRequest back = EngineRequest.fromJson(new JsonObject(r.toJson().encode()));
    assertEquals(r.method(), back.method());
    assertEquals(r.pathAndQuery(), back.pathAndQuery());
    assertEquals("/containers/create?name=a+b", back.pathAndQuery());
    assertEquals(r.headers(), back.headers());
    assertEquals(r.body(), back.body());
    EngineResponse resp = new EngineResponse(404, Map.of("content-type", "application/json"),
        Buffer.buffer("{\"message\":\"No such container: x\"}"));
    EngineResponse respBack = EngineResponse.fromJson(new JsonObject(resp.toJson().encode()));
    assertEquals("No such container: x", respBack.message());
    assertEquals(404, respBack.status());
  }

  @Test
  void versionsCompareNumerically() {
    assertEquals(-1, Integer.signum(DockerHostAccess.compareVersions("1.9", "1.41")));
    assertEquals(0, DockerHostAccess.compareVersions("1.41", "1.41"));
    assertEquals(1, Integer.signum(DockerHostAccess.compareVersions("1.51", "1.41")));
  }
}
