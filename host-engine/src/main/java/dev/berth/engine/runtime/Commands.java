package dev.berth.engine.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Runs a short-lived host command and collects its exit code and output. */
public final class Commands {

  /** The outcome of one command. */
  public record Result(int exit, String out, String err) {
    public boolean ok() {
      return exit == 0;
    }
  }

  private Commands() {}

  public static Result run(List<String> command) {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    try {
      Process p = pb.start();
      // runc, mount and ps write little, so reading one stream after the other cannot stall
      byte[] out;
      byte[] err;
      try (InputStream o = p.getInputStream();
          InputStream e = p.getErrorStream()) {
        out = o.readAllBytes();
        err = e.readAllBytes();
      }
      int exit = p.waitFor();
      return new Result(
          exit, new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      return new Result(127, "", command.get(0) + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(130, "", "interrupted");
    }
  }

  /** Runs a command and throws its stderr as the message when it fails. */
  public static String check(List<String> command) {
    Result r = run(command);
    if (!r.ok()) {
      throw new OciRuntimeException(r.err().isBlank() ? String.join(" ", command) + " failed with exit code " + r.exit() : r.err().strip());
    }
    return r.out();
  }
}
