package dev.berth.engine.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.engine.errors.EngineException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChangeParserTest {

  private static JsonObject apply(String... changes) {
    JsonObject config = RuntimeConfig.empty();
    ChangeParser.apply(config, List.of(changes));
    return config;
  }

  @Test
  void cmdAndEntrypointTakeExecOrShellForm() {
    JsonObject c = apply("CMD [\"echo\", \"hi\"]", "entrypoint /bin/run --flag");
    assertEquals(new JsonArray().add("echo").add("hi"), c.getJsonArray("Cmd"));
    assertEquals(new JsonArray().add("/bin/sh").add("-c").add("/bin/run --flag"), c.getJsonArray("Entrypoint"));
    // not a JSON array of strings: the shell form
    assertEquals(new JsonArray().add("/bin/sh").add("-c").add("[1, 2]"), apply("CMD [1, 2]").getJsonArray("Cmd"));
  }

  @Test
  void envSupportsPairsQuotesLegacyFormAndExpansion() {
    JsonObject c = apply("ENV A=1 B=\"two words\" C='$A'", "ENV D ${A:-x} and $B", "ENV E=${MISSING:-dflt} F=${A:+set}", "ENV A=2");
    assertEquals(
        new JsonArray().add("B=two words").add("C=$A").add("D=1 and two words").add("E=dflt").add("F=set").add("A=2"),
        c.getJsonArray("Env"));
    assertEquals(new JsonArray().add("X=a b"), apply("ENV X=a\\ b").getJsonArray("Env"));
  }

  @Test
  void labelsExposeVolumesWorkdirUserStopSignal() {
    JsonObject c = apply(
        "LABEL a=b \"c d\"=e", "EXPOSE 80 53/udp 8000-8001/tcp", "VOLUME [\"/v1\", \"/v2\"]", "VOLUME /v3",
        "WORKDIR /srv", "WORKDIR app/../data", "USER nobody:nogroup", "STOPSIGNAL SIGINT", "ONBUILD run echo");
    assertEquals(new JsonObject().put("a", "b").put("c d", "e"), c.getJsonObject("Labels"));
    assertEquals(List.of("80/tcp", "53/udp", "8000/tcp", "8001/tcp"), List.copyOf(c.getJsonObject("ExposedPorts").fieldNames()));
    assertEquals(List.of("/v1", "/v2", "/v3"), List.copyOf(c.getJsonObject("Volumes").fieldNames()));
    assertEquals("/srv/data", c.getString("WorkingDir"));
    assertEquals("nobody:nogroup", c.getString("User"));
    assertEquals("SIGINT", c.getString("StopSignal"));
    assertEquals(new JsonArray().add("RUN echo"), c.getJsonArray("OnBuild"));
  }

  @Test
  void badChangesAre400WithDockerdsWording() {
    EngineException e = assertThrows(EngineException.class, () -> apply("RUN echo"));
    assertEquals("run is not a valid change command", e.getMessage());
    assertEquals(EngineException.Kind.INVALID_PARAMETER, e.kind());
    assertThrows(EngineException.class, () -> apply("EXPOSE 70000"));
    assertThrows(EngineException.class, () -> apply("EXPOSE 80/xyz"));
    assertThrows(EngineException.class, () -> apply("ENV"));
    assertThrows(EngineException.class, () -> apply("ENV A=\"unterminated"));
    assertThrows(EngineException.class, () -> apply("ONBUILD FROM x"));
  }

  @Test
  void orderedConfigSortsMapsLikeGoAndDropsUnsetOptionalFields() {
    JsonObject c = RuntimeConfig.ordered(apply("LABEL z=1 a=2", "EXPOSE 90 80"));
    assertEquals(List.of("a", "z"), List.copyOf(c.getJsonObject("Labels").fieldNames()));
    assertEquals(List.of("80/tcp", "90/tcp"), List.copyOf(c.getJsonObject("ExposedPorts").fieldNames()));
    assertEquals(false, c.containsKey("StopSignal"));
    assertEquals(true, c.containsKey("Env"));
  }
}
