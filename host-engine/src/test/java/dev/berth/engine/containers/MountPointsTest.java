package dev.berth.engine.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.errors.EngineException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class MountPointsTest {

  private static List<MountPoints.MountPoint> parse(JsonObject host) {
    return MountPoints.parse(host);
  }

  @Test
  void bindsNamedVolumesAndTmpfs() {
    var m = parse(new JsonObject()
        .put("Binds", new JsonArray().add("/tmp:/h:ro").add("data:/d").add("data2:/e:nocopy"))
        .put("Tmpfs", new JsonObject().put("/run", "size=1m,mode=1777"))
        .put("Mounts", new JsonArray().add(new JsonObject().put("Type", "tmpfs").put("Target", "/t")
            .put("TmpfsOptions", new JsonObject().put("SizeBytes", 2048).put("Mode", 0700)))));
    assertEquals("bind", m.get(0).type());
    assertFalse(m.get(0).rw());
    assertEquals("volume data /d z true", m.get(1).type() + " " + m.get(1).name() + " " + m.get(1).destination() + " "
        + m.get(1).mode() + " " + m.get(1).copyData());
    assertFalse(m.get(2).copyData());
    JsonObject oci = m.get(3).toOci();
    assertEquals(new JsonArray().add("nosuid").add("nodev").add("noexec").add("size=2k").add("mode=700").add("rw"),
        oci.getJsonArray("options"));
    assertTrue(m.get(3).listed());
    assertEquals("tmpfs /run", m.get(4).type() + " " + m.get(4).destination());
    assertFalse(m.get(4).listed(), "--tmpfs mounts are not in inspect's Mounts");
  }

  @Test
  void badSpecsAreRefusedWithDockerdsWords() {
    String msg = assertThrows(EngineException.class,
        () -> parse(new JsonObject().put("Binds", new JsonArray().add("bad^name:/x")))).getMessage();
    assertTrue(msg.contains("includes invalid characters for a local volume name"), msg);
    assertThrows(EngineException.class, () -> parse(new JsonObject().put("Binds", new JsonArray().add("/a:rel"))));
    assertThrows(EngineException.class, () -> parse(new JsonObject().put("Binds", new JsonArray().add("/a:/b:bogus"))));
    assertThrows(EngineException.class, () -> parse(new JsonObject().put("Binds", new JsonArray().add("/a:/x").add("v1:/x"))));
    assertThrows(EngineException.class, () -> parse(new JsonObject().put("Tmpfs", new JsonObject().put("/t", "evil=1"))));
    assertThrows(EngineException.class, () -> parse(new JsonObject().put("Mounts", new JsonArray()
        .add(new JsonObject().put("Type", "volume").put("Target", "/v")
            .put("VolumeOptions", new JsonObject().put("DriverConfig", new JsonObject().put("Name", "nfs-plugin")))))));
  }
}
