package dev.berth.engine.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RuntimeMessageTest {

  @Test
  void runcLogLineIsReducedToItsMessage() {
    String line =
        "time=\"2026-11-28T00:13:03Z\" level=error msg=\"exec failed: unable to start container process: exec: \\\"nope\\\": executable file not found in $PATH\"";
    assertEquals(
        "exec failed: unable to start container process: exec: \"nope\": executable file not found in $PATH",
        ExecService.runtimeMessage(line));
  }

  @Test
  void plainTextStaysAsItIs() {
    assertEquals("conmon exited", ExecService.runtimeMessage("  conmon exited\n"));
    assertEquals("", ExecService.runtimeMessage(null));
  }
}
