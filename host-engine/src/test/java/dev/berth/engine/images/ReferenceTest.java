package dev.berth.engine.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.errors.EngineException;
import org.junit.jupiter.api.Test;

class ReferenceTest {

  @Test
  void shortNamesNormaliseToDockerHubLibrary() {
    Reference r = Reference.parse("busybox");
    assertEquals("docker.io/library/busybox", r.name());
    assertNull(r.tag());
    assertEquals("docker.io/library/busybox:latest", r.withDefaultTag().canonical());
    assertEquals("busybox:latest", r.withDefaultTag().familiar());
    assertEquals(r.withDefaultTag(), Reference.parse("docker.io/library/busybox:latest"));
    assertEquals(r.withDefaultTag(), Reference.parse("index.docker.io/library/busybox:latest"));
    assertEquals(r.withDefaultTag(), Reference.parse("busybox:latest"));
  }

  @Test
  void userRepositoriesKeepTheirPath() {
    Reference r = Reference.parse("user/app:1.0");
    assertEquals("docker.io/user/app", r.name());
    assertEquals("user/app:1.0", r.familiar());
  }

  @Test
  void registryHostsAndPortsAreDomains() {
    Reference r = Reference.parse("localhost:5000/team/app:v2");
    assertEquals("localhost:5000", r.domain());
    assertEquals("team/app", r.path());
    assertEquals("v2", r.tag());
    assertEquals("localhost:5000/team/app:v2", r.familiar());
    Reference noTag = Reference.parse("registry.example.com:443/x");
    assertEquals("registry.example.com:443", noTag.domain());
    assertTrue(noTag.nameOnly());
    assertEquals("localhost", Reference.parse("localhost/x").domain());
    // a port-like tag on a bare name stays a tag
    assertEquals("5000", Reference.parse("host:5000").tag());
  }

  @Test
  void digestsParse() {
    String digest = "sha256:" + "a".repeat(64);
    Reference r = Reference.parse("busybox@" + digest);
    assertEquals(digest, r.digest());
    assertEquals("busybox@" + digest, r.familiar());
    Reference both = Reference.parse("reg:5000/x:1@" + digest);
    assertEquals("1", both.tag());
    assertEquals(digest, both.digest());
  }

  @Test
  void invalidFormatsAre400() {
    for (String bad : new String[] {"", "UPPER", "a//b", "-lead", "x:", "x:-bad", "x@sha256:short", "a b", "x:" + "t".repeat(129)}) {
      EngineException e = assertThrows(EngineException.class, () -> Reference.parse(bad), bad);
      assertEquals(EngineException.Kind.INVALID_PARAMETER, e.kind(), bad);
      assertTrue(e.getMessage().startsWith("invalid reference format"), bad + ": " + e.getMessage());
    }
    EngineException hex = assertThrows(EngineException.class, () -> Reference.parse("f".repeat(64)));
    assertTrue(hex.getMessage().contains("cannot specify 64-byte hexadecimal strings"));
  }

  @Test
  void tagsAreValidated() {
    assertEquals("v1.2-rc_3", Reference.parse("x").withTag("v1.2-rc_3").tag());
    assertThrows(EngineException.class, () -> Reference.parse("x").withTag(".dot"));
  }
}
