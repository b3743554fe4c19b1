package dev.berth.gateway.hosts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBoxTest {

  @TempDir
  Path dir;

  @Test
  void sealsWithAKeyFileOnlyTheOwnerCanRead() throws Exception {
    Path keyFile = dir.resolve("data/host-secrets.key");
    SecretBox box = SecretBox.open(keyFile);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
    String key = "-----BEGIN PRIVATE KEY-----\nsecret\n-----END PRIVATE KEY-----\n";
    String sealed = box.seal(key);
    assertFalse(sealed.contains("secret"));
    assertNotEquals(sealed, box.seal(key), "a fresh IV per seal");
    assertEquals(key, box.open(sealed));
    assertEquals(key, SecretBox.open(keyFile).open(sealed), "the key survives a restart");
  }

  @Test
  void anotherKeyOrTamperingIsDetected() {
    String sealed = SecretBox.open(dir.resolve("a.key")).seal("top secret");
    assertThrows(IllegalStateException.class, () -> SecretBox.open(dir.resolve("b.key")).open(sealed));
    SecretBox box = SecretBox.open(dir.resolve("a.key"));
    String tampered = sealed.substring(0, sealed.length() - 4) + (sealed.endsWith("AAAA") ? "BBBB" : "AAAA");
    assertThrows(IllegalStateException.class, () -> box.open(tampered));
  }
}
