package dev.berth.engine.runtime.conmon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sync pipe with stand-ins for conmon that, like conmon, leave a background process to
 * write the report after the launched process itself has exited.
 */
class SyncPipeTest {

  @TempDir Path dir;

  private Process start(String script) throws Exception {
    return SyncPipe.start(List.of("/bin/sh", "-c", script), Map.of("_OCI_SYNCPIPE", "3"), dir.resolve("err"));
  }

  @Test
  void aReportWrittenAfterTheLaunchedProcessExitedIsRead() throws Exception {
    // the daemon reports 0.5 s later; the engine thread reads late, as it does under load,
    // when the JDK has long seen its direct child exit
    Process p = start("(sleep 0.5; echo '{\"data\": 4242}' >&3) & exit 0");
    Thread.sleep(300);
    JsonObject report = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> SyncPipe.readReport(p));
    assertEquals(4242, report == null ? null : report.getInteger("data"), "the report was lost");
    assertFalse(p.isAlive(), "the launching shell is reaped once the report is in");
  }

  @Test
  void aReportWrittenInTwoPartsIsReadWhole() throws Exception {
    Process p = start("(printf '{\"data\": -1, '; sleep 0.3; printf '\"message\": \"no such file\"}\\n') >&3 &");
    JsonObject report = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> SyncPipe.readReport(p));
    assertEquals(new JsonObject().put("data", -1).put("message", "no such file"), report);
  }

  @Test
  void aMonitorThatClosesThePipeWithoutAWordGivesNoReport() throws Exception {
    Process p = start("echo 'conmon: bad option' >&2; exit 1");
    assertNull(assertTimeoutPreemptively(Duration.ofSeconds(10), () -> SyncPipe.readReport(p)));
    assertEquals("conmon: bad option\n", Files.readString(dir.resolve("err")));
    assertFalse(p.isAlive());
  }

  @Test
  void aLineThatIsNotJsonIsAFailureWithThatMessage() throws Exception {
    Process p = start("echo 'runc: broken' >&3");
    assertEquals(
        new JsonObject().put("data", -1).put("message", "runc: broken"),
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> SyncPipe.readReport(p)));
  }
}
