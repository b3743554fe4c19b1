package dev.berth.engine.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.errors.EngineException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Subnet arithmetic, dockerd-style MACs, and the parsing of published ports. */
class AddressingTest {

  @Test
  void cidrArithmetic() {
    Cidr c = Cidr.parse("10.88.5.7/16");
    assertEquals("10.88.0.0/16", c.network().toString());
    assertEquals("10.88.255.255", Cidr.ip(c.last()));
    assertTrue(c.contains(Cidr.parseIp("10.88.200.1", "")));
    assertFalse(c.contains(Cidr.parseIp("10.89.0.1", "")));
    assertTrue(Cidr.parse("10.88.4.0/24").overlaps(c));
    assertTrue(c.overlaps(Cidr.parse("10.0.0.0/8")));
    assertFalse(Cidr.parse("10.89.0.0/24").overlaps(c));
    for (String bad : List.of("10.0.0.0", "10.0.0/8", "10.0.0.256/8", "10.0.0.0/33", "a.b.c.d/8")) {
      EngineException e = assertThrows(EngineException.class, () -> Cidr.parse(bad), bad);
      assertEquals(EngineException.Kind.INVALID_PARAMETER, e.kind());
    }
  }

  @Test
  void macFollowsTheAddressAsDockerdDoes() {
    assertEquals("02:42:ac:11:00:02", Attachment.macFor(Cidr.parseIp("172.17.0.2", "")));
  }

  @Test
  void portRequestsFromBindingsAndPublishAll() {
    JsonObject host = new JsonObject()
        .put("PortBindings", new JsonObject()
            .put("80/tcp", new JsonArray().add(new JsonObject().put("HostIp", "127.0.0.1").put("HostPort", "8080")))
            .put("53/udp", new JsonArray().add(new JsonObject().put("HostPort", "")))
            .put("90/tcp", new JsonArray().add(new JsonObject().put("HostPort", "9000-9005"))))
        .put("PublishAllPorts", true);
    JsonObject config = new JsonObject().put("ExposedPorts", new JsonObject().put("80/tcp", new JsonObject()).put("443/tcp", new JsonObject()));
    List<PortPublisher.Request> r = PortPublisher.requests(config, host);
    assertEquals(List.of(
        new PortPublisher.Request("127.0.0.1", 8080, 8080, 80, "tcp"),
        new PortPublisher.Request("", 0, 0, 53, "udp"),
        new PortPublisher.Request("", 9000, 9005, 90, "tcp"),
        new PortPublisher.Request("", 0, 0, 443, "tcp")), r);
  }

  @Test
  void badPortsAreRefused() {
    for (JsonObject bindings : List.of(
        new JsonObject().put("x/tcp", new JsonArray()),
        new JsonObject().put("80/sctpx", new JsonArray()),
        new JsonObject().put("80/tcp", new JsonArray().add(new JsonObject().put("HostPort", "70000"))),
        new JsonObject().put("80/tcp", new JsonArray().add(new JsonObject().put("HostPort", "9-1"))),
        new JsonObject().put("80/tcp", new JsonArray().add(new JsonObject().put("HostIp", "1.2.3").put("HostPort", "1"))))) {
      EngineException e = assertThrows(EngineException.class,
          () -> PortPublisher.requests(new JsonObject(), new JsonObject().put("PortBindings", bindings)), bindings::encode);
      assertEquals(EngineException.Kind.INVALID_PARAMETER, e.kind());
    }
  }
}
