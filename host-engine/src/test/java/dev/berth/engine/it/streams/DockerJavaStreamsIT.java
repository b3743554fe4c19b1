package dev.berth.engine.it.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import dev.berth.engine.it.TestEngine;
import dev.berth.engine.it.TestImages;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** docker-java (the gateway's client) on the hijacked attach and exec streams. */
class DockerJavaStreamsIT {

  private static DockerClient client(TestEngine e) {
    DefaultDockerClientConfig cfg =
        DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(e.host()).withApiVersion("1.41").build();
    ZerodepDockerHttpClient http =
        new ZerodepDockerHttpClient.Builder()
            .dockerHost(cfg.getDockerHost())
            .connectionTimeout(Duration.ofSeconds(5))
            .responseTimeout(Duration.ofSeconds(60))
            .build();
    return DockerClientImpl.getInstance(cfg, http);
  }

  /** Collects frames by stream. */
  private static final class Collect extends ResultCallback.Adapter<Frame> {
    final StringBuilder out = new StringBuilder();
    final StringBuilder err = new StringBuilder();

    @Override
    public void onNext(Frame frame) {
      (frame.getStreamType() == StreamType.STDERR ? err : out).append(new String(frame.getPayload(), StandardCharsets.UTF_8));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void attachWithStdinBeforeStart(TestEngine e) throws Exception {
    String image = TestImages.busybox(e);
    try (DockerClient docker = client(e)) {
      String id =
          docker.createContainerCmd(image)
              // docker-java does not half-close after its stdin stream: read one line, not to EOF
              .withCmd("sh", "-c", "read line; echo \"got $line\"; echo done >&2")
              .withStdinOpen(true)
              .withStdInOnce(true)
              .withAttachStdin(true)
              .exec()
              .getId();
      Collect frames = new Collect();
      docker.attachContainerCmd(id)
          .withStdIn(new ByteArrayInputStream("from java\n".getBytes(StandardCharsets.UTF_8)))
          .withStdOut(true)
          .withStdErr(true)
          .withFollowStream(true)
          .exec(frames)
          .awaitStarted(10, TimeUnit.SECONDS);
      docker.startContainerCmd(id).exec();
      int code = docker.waitContainerCmd(id).exec(new WaitContainerResultCallback()).awaitStatusCode(30, TimeUnit.SECONDS);
      assertTrue(frames.awaitCompletion(30, TimeUnit.SECONDS));
      assertEquals(0, code);
      assertEquals("got from java\n", frames.out.toString());
      assertEquals("done\n", frames.err.toString());
      docker.removeContainerCmd(id).exec();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void execStartStreamsAndInspectHasTheExitCode(TestEngine e) throws Exception {
    String image = TestImages.busybox(e);
    try (DockerClient docker = client(e)) {
      String id = docker.createContainerCmd(image).withCmd("sleep", "60").exec().getId();
      docker.startContainerCmd(id).exec();
      String exec =
          docker.execCreateCmd(id)
              .withCmd("sh", "-c", "echo out; echo err >&2; exit 4")
              .withAttachStdout(true)
              .withAttachStderr(true)
              .exec()
              .getId();
      Collect frames = new Collect();
      assertTrue(docker.execStartCmd(exec).exec(frames).awaitCompletion(30, TimeUnit.SECONDS));
      assertEquals("out\n", frames.out.toString());
      assertEquals("err\n", frames.err.toString());
      assertEquals(4L, docker.inspectExecCmd(exec).exec().getExitCodeLong());
      docker.removeContainerCmd(id).withForce(true).exec();
    }
  }
}
