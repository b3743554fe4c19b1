package dev.berth.engine.streams;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Timestamps in conmon's k8s-file log and in Docker's `logs -t` output. */
final class LogTimes {

  /** Docker's RFC3339NanoFixed: always nine fraction digits, in UTC. */
  private static final DateTimeFormatter DOCKER =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

  private LogTimes() {}

  static String format(long epochNano) {
    return DOCKER.format(Instant.ofEpochSecond(Math.floorDiv(epochNano, 1_000_000_000L), Math.floorMod(epochNano, 1_000_000_000L)));
  }

  /** conmon writes RFC 3339 with nanoseconds and the local offset; -1 when unreadable. */
  static long parse(String text) {
    try {
      Instant t = OffsetDateTime.parse(text).toInstant();
      return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    } catch (DateTimeParseException e) {
      return -1;
    }
  }
}
