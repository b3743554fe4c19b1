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
}
