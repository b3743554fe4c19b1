package dev.berth.engine.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** Request bodies read like Go reads them: a null member is an absent one. */
class HttpBodyTest {

  @Test
  void nullMembersAreDroppedAtEveryDepth() {
    JsonObject body =
        Http.withoutNulls(
            new JsonObject(
                "{\"Image\":\"busybox\",\"User\":null,\"Cmd\":[\"true\",null],"
                    + "\"HostConfig\":{\"NetworkMode\":null,\"Memory\":null,\"RestartPolicy\":{\"Name\":null},"
                    + "\"Mounts\":[{\"Type\":\"bind\",\"Source\":null}]},\"Labels\":null}"));
    assertEquals(
        new JsonObject(
            "{\"Image\":\"busybox\",\"Cmd\":[\"true\",null],"
                + "\"HostConfig\":{\"RestartPolicy\":{},\"Mounts\":[{\"Type\":\"bind\"}]}}"),
        body);
    // a default now applies where the client sent null
    assertEquals("default", body.getJsonObject("HostConfig").getString("NetworkMode", "default"));
  }
}
