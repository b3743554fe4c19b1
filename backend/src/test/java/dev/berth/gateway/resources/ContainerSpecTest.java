package dev.berth.gateway.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.gateway.http.ApiError;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class ContainerSpecTest {

  @Test
  void fullSpecBecomesDockerCreateBody() {
    JsonObject spec = new JsonObject("""
        {"name": "web", "image": "busybox:latest", "cmd": ["httpd", "-f", "-p", "80"],
         "env": {"MODE": "prod", "N": 3}, "labels": {"team": "a"}, "network": "backend",
         "ports": [{"container": 80, "host": 8080, "hostIp": "127.0.0.1"},
                   {"container": 53, "protocol": "udp"}],
         "volumes": [{"source": "data", "target": "/data"},
                     {"source": "/srv/www", "target": "/www", "readOnly": true},
                     {"target": "/cache"}],
         "restartPolicy": "on-failure:3"}""");
    JsonObject body = ContainerSpec.toCreateBody(spec);
    JsonObject expected = new JsonObject("""
        {"Image": "busybox:latest", "Cmd": ["httpd", "-f", "-p", "80"],
         "Env": ["MODE=prod", "N=3"], "Labels": {"team": "a"},
         "ExposedPorts": {"80/tcp": {}, "53/udp": {}},
         "HostConfig": {
           "PortBindings": {"80/tcp": [{"HostPort": "8080", "HostIp": "127.0.0.1"}]},
           "Mounts": [{"Target": "/data", "Type": "volume", "ReadOnly": false, "Source": "data"},
                      {"Target": "/www", "Type": "bind", "ReadOnly": true, "Source": "/srv/www"},
                      {"Target": "/cache", "Type": "volume", "ReadOnly": false}],
           "NetworkMode": "backend",
           "RestartPolicy": {"Name": "on-failure", "MaximumRetryCount": 3}}}""");
    assertEquals(expected, body);
    assertEquals("web", ContainerSpec.name(spec));
  }

  @Test
  void minimalSpec() {
    JsonObject body = ContainerSpec.toCreateBody(new JsonObject().put("image", "busybox"));
    assertEquals(new JsonObject().put("Image", "busybox").put("HostConfig", new JsonObject()), body);
    assertNull(ContainerSpec.name(new JsonObject().put("image", "busybox")));
  }

  @Test
  void envAsListAndRandomHostPort() {
    JsonObject body = ContainerSpec.toCreateBody(new JsonObject("""
        {"image": "x", "env": ["A=1", "B="], "ports": [{"container": 8080, "host": 0}],
         "restartPolicy": "unless-stopped"}"""));
    assertEquals("[\"A=1\",\"B=\"]", body.getJsonArray("Env").encode());
    assertEquals("", body.getJsonObject("HostConfig").getJsonObject("PortBindings")
        .getJsonArray("8080/tcp").getJsonObject(0).getString("HostPort"));
    assertEquals("unless-stopped", body.getJsonObject("HostConfig").getJsonObject("RestartPolicy").getString("Name"));
  }

  @Test
  void badSpecsAreRejectedWithTheFieldNamed() {
    assertBad("{}", "image");
    assertBad("{\"image\": \"x\", \"privileged\": true}", "privileged");
    assertBad("{\"image\": \"x\", \"name\": \"-bad\"}", "name");
    assertBad("{\"image\": \"x\", \"name\": \"a/b\"}", "name");
    assertBad("{\"image\": \"x\", \"cmd\": \"sh -c x\"}", "cmd");
    assertBad("{\"image\": \"x\", \"env\": [\"NOEQUALS\"]}", "env");
    assertBad("{\"image\": \"x\", \"env\": {\"A B\": \"1\"}}", "env");
    assertBad("{\"image\": \"x\", \"ports\": [{\"container\": 0}]}", "ports[].container");
    assertBad("{\"image\": \"x\", \"ports\": [{\"container\": 80, \"host\": 70000}]}", "ports[].host");
    assertBad("{\"image\": \"x\", \"ports\": [{\"container\": 80, \"protocol\": \"icmp\"}]}", "protocol");
    assertBad("{\"image\": \"x\", \"ports\": [{\"container\": 80, \"bind\": 1}]}", "bind");
    assertBad("{\"image\": \"x\", \"volumes\": [{\"source\": \"v\", \"target\": \"rel\"}]}", "target");
    assertBad("{\"image\": \"x\", \"volumes\": [{\"target\": \"/x\", \"readOnly\": \"yes\"}]}", "readOnly");
    assertBad("{\"image\": \"x\", \"restartPolicy\": \"sometimes\"}", "restartPolicy");
    assertBad("{\"image\": \"x\", \"labels\": {\"a\": 1}}", "labels");
  }

  private static void assertBad(String spec, String mentioned) {
    ApiError e = assertThrows(ApiError.class, () -> ContainerSpec.toCreateBody(new JsonObject(spec)), spec);
    assertEquals(400, e.status());
    assertTrue(e.getMessage().contains(mentioned), e.getMessage() + " should mention " + mentioned);
  }
}
