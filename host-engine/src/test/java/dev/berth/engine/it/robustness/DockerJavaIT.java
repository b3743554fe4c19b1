package dev.berth.engine.it.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.Image;
import com.github.dockerjava.api.model.StreamType;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import dev.berth.engine.it.TestEngine;
import dev.berth.engine.it.TestImages;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The gateway's client, docker-java 3.5.3 over the zerodep transport, driving each engine through
 * a whole container life: ping, lists, create, start, wait, logs, remove, and the error mapping.
 */
class DockerJavaIT {

  private static DockerClient client(TestEngine e, String apiVersion) {
    DefaultDockerClientConfig.Builder config = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(e.host());
    if (apiVersion != null) {
      config.withApiVersion(apiVersion);
    }
    DefaultDockerClientConfig cfg = config.build();
    ZerodepDockerHttpClient http =
        new ZerodepDockerHttpClient.Builder()
            .dockerHost(cfg.getDockerHost())
            .connectionTimeout(Duration.ofSeconds(5))
            .responseTimeout(Duration.ofSeconds(60))
            .build();
    return DockerClientImpl.getInstance(cfg, http);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void wholeContainerLife(TestEngine e) throws Exception {
    String image = TestImages.busybox(e);
    String label = Checks.unique("qa-dj");
    // versioned paths (1.41 is dockerd 20.10's newest) and unversioned ones
    for (String version : new String[] {"1.41", null}) {
      try (DockerClient docker = client(e, version)) {
        docker.pingCmd().exec();
        List<Image> images = docker.listImagesCmd().exec();
        assertTrue(images.stream().anyMatch(i -> i.getRepoTags() != null && List.of(i.getRepoTags()).contains(image)), images::toString);

        String name = Checks.unique("dj");
        String id =
            docker.createContainerCmd(image)
                .withName(name)
                .withLabels(Map.of("qa.dj", label))
                .withEnv("GREETING=hello")
                .withCmd("sh", "-c", "echo $GREETING; echo err >&2; exit 3")
                .exec()
                .getId();
        assertThrows(ConflictException.class, () -> docker.createContainerCmd(image).withName(name).exec());
        List<Container> listed = docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of("qa.dj", label)).exec();
        assertEquals(1, listed.size(), listed::toString);
        assertEquals(id, listed.get(0).getId());
        assertEquals("created", listed.get(0).getState());

        docker.startContainerCmd(id).exec();
        int code = docker.waitContainerCmd(id).exec(new WaitContainerResultCallback()).awaitStatusCode(30, TimeUnit.SECONDS);
        assertEquals(3, code);
        InspectContainerResponse inspect = docker.inspectContainerCmd(id).exec();
        assertEquals("exited", inspect.getState().getStatus());
        assertEquals(3L, inspect.getState().getExitCodeLong());
        assertEquals("/" + name, inspect.getName());

        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        docker.logContainerCmd(id).withStdOut(true).withStdErr(true)
            .exec(
                new ResultCallback.Adapter<Frame>() {
                  @Override
                  public void onNext(Frame frame) {
                    (frame.getStreamType() == StreamType.STDERR ? err : out).append(new String(frame.getPayload()));
                  }
                })
            .awaitCompletion(30, TimeUnit.SECONDS);
        assertEquals("hello\n", out.toString());
        assertEquals("err\n", err.toString());

        docker.removeContainerCmd(id).exec();
        assertThrows(NotFoundException.class, () -> docker.inspectContainerCmd(id).exec());
        assertTrue(docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of("qa.dj", label)).exec().isEmpty());
        assertThrows(NotFoundException.class, () -> docker.removeContainerCmd(id).exec());
      }
    }
  }
}
