package dev.berth.engine.it.streams;

import dev.berth.engine.it.Cli;
import dev.berth.engine.it.TestEngine;
import java.time.Duration;
import java.util.List;

/** Runs the docker CLI under a pseudo-terminal (util-linux `script`) of a chosen size. */
final class Pty {

  private Pty() {}

  /**
   * {@code dockerArgs} is a shell fragment (quote it yourself). The terminal gets
   * {@code rows x cols} before the CLI starts; {@code stdin} feeds the terminal.
   */
  static Cli.Result docker(TestEngine engine, int rows, int cols, String stdin, String dockerArgs) {
    String cmd = "stty rows " + rows + " cols " + cols + "; exec " + Cli.DOCKER + " " + dockerArgs;
    return Cli.run(List.of("script", "-qfec", cmd, "/dev/null"), stdin, engine.cliEnv(), Duration.ofSeconds(60));
  }

  /**
   * Like {@link #docker} but types {@code keys} (printf escapes) at the terminal only after
   * {@code delaySeconds}, once the CLI has put it in raw mode: typed earlier, the terminal's
   * cooked mode would eat control keys such as ctrl-q.
   */
  static Cli.Result typeLater(TestEngine engine, double delaySeconds, String keys, String dockerArgs) {
    String cmd = "stty rows 24 cols 80; exec " + Cli.DOCKER + " " + dockerArgs;
    String typist = "(sleep " + delaySeconds + "; printf '" + keys + "'; sleep 3)";
    return Cli.run(
        List.of("bash", "-c", typist + " | script -qfec \"" + cmd + "\" /dev/null"), null, engine.cliEnv(), Duration.ofSeconds(60));
  }
}
