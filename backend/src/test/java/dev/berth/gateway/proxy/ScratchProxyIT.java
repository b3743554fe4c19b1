package dev.berth.gateway.proxy;

import dev.berth.gateway.hosts.HostsFixture;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ScratchProxyIT {
  @Test
  void hold() throws Exception {
    HostsFixture fx = HostsFixture.get();
    String key = fx.gw.post("/api/me/keys", new JsonObject().put("name", "k"), fx.admin).json().getString("key");
    DockerCli cli = DockerCli.forKey(fx.gw.baseUrl, "local", key);
    Files.writeString(Path.of("/tmp/px-scratch.env"), "export DOCKER_HOST=" + cli.dockerHost() + "\nexport KEY=" + key
        + "\nexport ENGINE=" + fx.engine.url + "\n");
    while (!Files.exists(Path.of("/tmp/px-scratch.stop"))) {
      Thread.sleep(500);
    }
  }
}
