package dev.berth.gateway.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.berth.gateway.access.Role;
import org.junit.jupiter.api.Test;

/** The role table and the path rules the proxy judges requests by. */
class DockerRoutesTest {

  private static Role role(String method, String path) {
    return DockerRoutes.classify(method, path).role();
  }

  @Test
  void readsAreForViewersExceptContentReads() {
    assertEquals(Role.VIEWER, role("HEAD", "/_ping"));
    assertEquals(Role.VIEWER, role("GET", "/containers/json"));
    assertEquals(Role.VIEWER, role("GET", "/containers/web/logs"));
    assertEquals(Role.VIEWER, role("GET", "/images/127.0.0.1:5000/team/app/json"));
    assertEquals(Role.VIEWER, role("GET", "/events"));
    assertEquals(Role.OPERATOR, role("GET", "/containers/web/archive"));
    assertEquals(Role.OPERATOR, role("HEAD", "/containers/web/archive"));
    assertEquals(Role.OPERATOR, role("GET", "/containers/web/export"));
    assertEquals(Role.OPERATOR, role("GET", "/images/team/app/get"));
    assertEquals(Role.ADMIN, role("GET", "/swarm/unlockkey"));
    assertEquals(Role.ADMIN, role("GET", "/something/new"), "unknown reads need admin");
  }

  @Test
  void lifecycleExecAndAttachAreForOperators() {
    for (String action : new String[] {"start", "stop", "restart", "kill", "pause", "unpause", "wait", "rename",
        "resize", "attach"}) {
      assertEquals(Role.OPERATOR, role("POST", "/containers/web/" + action), action);
    }
    assertEquals(Role.OPERATOR, role("GET", "/containers/web/attach/ws"));
    assertEquals(DockerRoutes.Kind.WEBSOCKET, DockerRoutes.classify("GET", "/containers/web/attach/ws").kind());
    assertEquals(DockerRoutes.Kind.CONTAINER_CREATE, DockerRoutes.classify("POST", "/containers/create").kind());
    assertEquals(DockerRoutes.Kind.EXEC_CREATE, DockerRoutes.classify("POST", "/containers/web/exec").kind());
    assertEquals(Role.OPERATOR, role("POST", "/exec/abc/start"));
    assertEquals(Role.OPERATOR, role("PUT", "/containers/web/archive"));
  }

  @Test
  void everythingElseIsForAdmins() {
    assertEquals(Role.ADMIN, role("DELETE", "/containers/web"));
    assertEquals(Role.ADMIN, role("POST", "/containers/web/update"));
    assertEquals(Role.ADMIN, role("POST", "/containers/prune"));
    assertEquals(Role.ADMIN, role("POST", "/images/create"));
    assertEquals(Role.ADMIN, role("POST", "/build"));
    assertEquals(Role.ADMIN, role("POST", "/images/load"));
    assertEquals(Role.ADMIN, role("DELETE", "/images/busybox"));
    assertEquals(Role.ADMIN, role("POST", "/networks/create"));
    assertEquals(DockerRoutes.Kind.VOLUME_CREATE, DockerRoutes.classify("POST", "/volumes/create").kind());
    assertEquals(Role.ADMIN, role("POST", "/swarm/init"));
    assertEquals(Role.ADMIN, role("POST", "/containers/web/stop/"), "not a route the table knows");
  }

  @Test
  void pathsAreJudgedDecodedAndForwardedAsSent() {
    DockerPath p = DockerPath.parse("/api/hosts/local/docker/v1.51/containers/json?all=1&filters=%7B%7D");
    assertEquals("/v1.51/containers/json?all=1&filters=%7B%7D", p.forward());
    assertEquals("/containers/json", p.route());
    assertEquals("/_ping", DockerPath.parse("/api/hosts/local/docker/_ping").route());
    // an encoded slash is judged as the slash the engine routes on
    assertEquals(Role.OPERATOR, role("GET", DockerPath.parse("/api/hosts/local/docker/v1.51/containers/web%2Farchive").route()));
    assertNull(DockerPath.parse("/api/hosts/local/docker/v1.51/containers/x/../../images/create"));
    assertNull(DockerPath.parse("/api/hosts/local/docker/v1.51/containers/%2e%2e/images"));
    assertNull(DockerPath.parse("/api/hosts/local/docker//containers/json"));
    assertNull(DockerPath.parse("/api/hosts/local/docker"));
    assertNull(DockerPath.parse("/api/hosts/local/docker/v1.51/x%zz"));
  }
}
