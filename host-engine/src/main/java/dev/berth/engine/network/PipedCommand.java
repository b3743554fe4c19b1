package dev.berth.engine.network;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A host command fed a script on stdin ({@code ip -batch -}, {@code iptables-restore}): many changes, one process. */
final class PipedCommand {

  private PipedCommand() {}

  /** Runs it; a non-zero exit throws with the command's stderr. */
  static void run(List<String> command, String input) throws IOException {
    Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try (OutputStream in = p.getOutputStream()) {
      in.write(input.getBytes(StandardCharsets.UTF_8));
    }
    try {
      // the scripts are short and their commands print little: reading stderr to its end cannot stall
      String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(command.get(0) + " timed out");
      }
      if (p.exitValue() != 0) {
        throw new IOException(String.join(" ", command) + " failed: " + err.strip());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
