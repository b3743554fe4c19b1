package dev.berth.gateway.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class EngineRelayTest {

  @Test
  void theGatewaysBearerSubprotocolNeverReachesTheEngine() {
    assertNull(EngineRelay.protocolsWithoutCredentials("bearer.eyJhbGciOi.x.y"));
    assertEquals("chat, v2", EngineRelay.protocolsWithoutCredentials("chat, bearer.abc,v2"));
    assertEquals("chat", EngineRelay.protocolsWithoutCredentials(" chat ,, "));
    assertNull(EngineRelay.protocolsWithoutCredentials(" , "));
  }
}
