package dev.berth.engine.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.errors.EngineException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegistryClientTest {

  @Test
  void loopbackAndConfiguredRegistriesAreInsecure() {
    assertTrue(RegistryClient.insecure("127.0.0.1:5000", List.of()));
    assertTrue(RegistryClient.insecure("127.3.2.1", List.of()));
    assertTrue(RegistryClient.insecure("localhost:5000", List.of()));
    assertTrue(RegistryClient.insecure("reg.internal:5000", List.of("reg.internal:5000")));
    assertTrue(RegistryClient.insecure("10.1.2.3:5000", List.of("10.0.0.0/8")));
    assertFalse(RegistryClient.insecure("10.1.2.3:5000", List.of("192.168.0.0/16")));
    assertFalse(RegistryClient.insecure("docker.io", List.of()));
    assertFalse(RegistryClient.insecure("registry.example.com", List.of()));
  }

  @Test
  void registryAuthHeaderBecomesBasicCredentials() {
    String expected = "Basic " + Base64.getEncoder().encodeToString("u:p w".getBytes(StandardCharsets.UTF_8));
    String json = "{\"username\":\"u\",\"password\":\"p w\",\"serveraddress\":\"reg\"}";
    assertEquals(expected, RegistryClient.basicCredentials(Base64.getUrlEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8))));
    String viaAuth = "{\"auth\":\"" + Base64.getEncoder().encodeToString("u:p w".getBytes(StandardCharsets.UTF_8)) + "\"}";
    assertEquals(expected, RegistryClient.basicCredentials(Base64.getUrlEncoder().withoutPadding().encodeToString(viaAuth.getBytes(StandardCharsets.UTF_8))));
    assertNull(RegistryClient.basicCredentials(null));
    assertNull(RegistryClient.basicCredentials(Base64.getUrlEncoder().encodeToString("{}".getBytes(StandardCharsets.UTF_8))));
    assertThrows(EngineException.class, () -> RegistryClient.basicCredentials("%%%"));
  }

  @Test
  void aBearerChallengeNamesTheTokenUrlWithServiceAndScope() {
    String challenge = "Bearer realm=\"https://auth.example/token\",service=\"registry.example\",scope=\"x\"";
    assertEquals("https://auth.example/token?service=registry.example&scope=repository%3Ait%2Fa%3Apull%2Cpush",
        RegistryClient.tokenUri(challenge, "repository:it/a:pull,push").toString());
    assertEquals("https://auth.example/token?service=registry.example", RegistryClient.tokenUri(challenge, null).toString());
    assertEquals("https://auth.example/t?a=1&scope=s", RegistryClient.tokenUri("Bearer realm=\"https://auth.example/t?a=1\"", "s").toString());
    assertThrows(EngineException.class, () -> RegistryClient.tokenUri("Bearer service=\"x\"", null));
  }
}
