package dev.berth.engine.streams;

import dev.berth.engine.api.Http;
import dev.berth.engine.api.compat.DockerTime;
import dev.berth.engine.errors.EngineException;
import io.vertx.ext.web.RoutingContext;

/** The query of GET /containers/{id}/logs, validated. tail < 0 means all lines. */
public record LogOptions(
    boolean stdout, boolean stderr, boolean follow, boolean timestamps, long sinceNano, long untilNano, int tail) {

  public static LogOptions from(RoutingContext ctx) {
    boolean stdout = Http.boolParam(ctx, "stdout", false);
    boolean stderr = Http.boolParam(ctx, "stderr", false);
    if (!stdout && !stderr) {
      throw EngineException.invalidParameter("Bad parameters: you must choose at least one stream");
    }
    long now = DockerTime.nowNano();
    return new LogOptions(
        stdout,
        stderr,
        Http.boolParam(ctx, "follow", false),
        Http.boolParam(ctx, "timestamps", false),
        time(ctx.request().getParam("since"), now),
        time(ctx.request().getParam("until"), now),
        tail(ctx.request().getParam("tail")));
  }

  private static long time(String value, long now) {
    // "0" is the CLI's "not set"
    if (value == null || value.isEmpty() || value.equals("0")) {
      return 0;
    }
    return DockerTime.parseNano(value, now);
  }

  /** dockerd reads an unparsable or negative tail as "all". */
  static int tail(String value) {
    if (value == null || value.isEmpty() || value.equals("all")) {
      return -1;
    }
    try {
      return Math.max(-1, Integer.parseInt(value.trim()));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  public boolean wants(LogLine line) {
    if (line.stream() == StdFrames.STDOUT ? !stdout : !stderr) {
      return false;
    }
    if (sinceNano > 0 && line.timeNano() < sinceNano) {
      return false;
    }
    return untilNano <= 0 || line.timeNano() <= untilNano;
  }

  /** Options for replaying the whole log (attach with logs=1). */
  public static LogOptions all(boolean stdout, boolean stderr) {
    return new LogOptions(stdout, stderr, false, false, 0, 0, -1);
  }
}
