package dev.berth.engine.it.streams;

import dev.berth.engine.it.Cli;
import dev.berth.engine.it.TestEngine;

/** Raw API calls (what the CLI has no command for) through curl on the engine's socket. */
final class Api {

  private Api() {}

  /** Returns "STATUS BODY" with the body stripped. */
  static String request(TestEngine engine, String method, String path) {
    Cli.Result r =
        Cli.run(
            "curl", "-s", "--unix-socket", engine.socket().toString(), "-X", method,
            "-w", "\n%{http_code}", "http://engine" + path);
    String out = r.out().strip();
    int nl = out.lastIndexOf('\n');
    return nl < 0 ? out : out.substring(nl + 1) + " " + out.substring(0, nl).strip();
  }
}
