package dev.berth.engine.it.streams;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.it.TestEngine;
import dev.berth.engine.it.TestImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code GET /containers/{id}/attach/ws} (what Portainer's console uses), on Berth and dockerd:
 * messages in are stdin, output comes back unframed, in binary messages from API 1.28 and in text
 * messages before (when all three streams are attached, whatever the parameters say).
 */
class AttachWsIT {

  private static WsClient connect(TestEngine engine, String path) throws IOException {
    return WsClient.connect(engine.socket(), path);
  }

  @ParameterizedTest
  @MethodSource("dev.berth.engine.it.Engines#all")
  void stdinGoesInAndOutputComesBackUnframed(TestEngine engine) throws Exception {
    String img = TestImages.busybox(engine);
    String id = engine.docker("run", "-d", "-i", img, "cat").outTrim();
    try {
      // the newest API each engine speaks (dockerd 20.10: 1.41)
      String api = engine.name().equals("berth") ? "/v1.51" : "/v1.41";
      try (WsClient s = connect(engine, api + "/containers/" + id + "/attach/ws?stream=1&stdin=1&stdout=1&stderr=1")) {
        s.sendBinary("hello over ws\n");
        WsClient.Message echo = s.next();
        assertTrue(echo.binary(), "binary messages from API 1.28 on");
        // raw bytes: no 8-byte stdout/stderr frame header in front
        assertArrayEquals("hello over ws\n".getBytes(StandardCharsets.UTF_8), echo.data());
      }
    } finally {
      engine.docker("rm", "-f", id);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.berth.engine.it.Engines#all")
  void logsReplayStdoutAndStderrThenClose(TestEngine engine) throws Exception {
    String img = TestImages.busybox(engine);
    String id = engine.docker("run", "-d", img, "sh", "-c", "echo to-out; echo to-err >&2; sleep 60").outTrim();
    try {
      awaitLogLines(engine, id);
      // API 1.25: text messages, and stdout and stderr without asking for them
      try (WsClient s = connect(engine, "/v1.25/containers/" + id + "/attach/ws?logs=1")) {
        String all = new String(s.untilClosed(), StandardCharsets.UTF_8);
        assertTrue(all.contains("to-out\n") && all.contains("to-err\n"), all);
        assertEquals(-1, all.indexOf('\u0001'), "no stream frame headers: " + all);
        assertTrue(s.messages.stream().noneMatch(WsClient.Message::binary), "API 1.25 answers in text messages");
      }
    } finally {
      engine.docker("rm", "-f", id);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.berth.engine.it.Engines#all")
  void anUnknownContainerIsRefusedWith404(TestEngine engine) throws Exception {
    WsClient.Refused refused = assertThrows(WsClient.Refused.class,
        () -> connect(engine, "/v1.41/containers/no-such-ctr-ws/attach/ws?stream=1&stdout=1"));
    assertEquals(404, refused.status, refused.getMessage());
  }

  private static void awaitLogLines(TestEngine engine, String id) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      var r = engine.docker("logs", id);
      if (r.out().contains("to-out") && r.err().contains("to-err")) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the container did not log its lines");
  }
}
