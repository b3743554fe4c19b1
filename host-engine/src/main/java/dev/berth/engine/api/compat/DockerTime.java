package dev.berth.engine.api.compat;

import dev.berth.engine.errors.EngineException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Docker's time parameters (since, until): unix seconds with an optional fraction
 * ("1690000000.123456789"), RFC 3339, or a Go duration relative to now ("10m").
 */
public final class DockerTime {

  private DockerTime() {}

  public static long nowNano() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  public static long parseNano(String value, long nowNano) {
    try {
      if (value.matches("-?\\d+(\\.\\d{1,9})?")) {
        int dot = value.indexOf('.');
        long seconds = Long.parseLong(dot < 0 ? value : value.substring(0, dot));
        long nanos = 0;
        if (dot >= 0) {
          String frac = (value.substring(dot + 1) + "000000000").substring(0, 9);
          nanos = Long.parseLong(frac);
        }
        return seconds * 1_000_000_000L + nanos;
      }
      if (value.matches("\\d+(\\.\\d+)?(ns|us|ms|s|m|h)")) {
        return nowNano - goDuration(value).toNanos();
      }
      Instant t = OffsetDateTime.parse(value).toInstant();
      return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    } catch (DateTimeParseException | NumberFormatException e) {
      throw EngineException.invalidParameter("invalid time value: " + value);
    }
  }

  private static Duration goDuration(String v) {
    String unit = v.replaceAll("[\\d.]", "");
    double n = Double.parseDouble(v.substring(0, v.length() - unit.length()));
    long nanos =
        switch (unit) {
          case "ns" -> (long) n;
          case "us" -> (long) (n * 1e3);
          case "ms" -> (long) (n * 1e6);
          case "s" -> (long) (n * 1e9);
          case "m" -> (long) (n * 60e9);
          default -> (long) (n * 3600e9);
        };
    return Duration.ofNanos(nanos);
  }

  /** RFC 3339 with nanoseconds, as Docker prints times ("0001-01-01T00:00:00Z" for zero). */
  public static String format(long epochNano) {
    if (epochNano <= 0) {
      return "0001-01-01T00:00:00Z";
    }
    return Instant.ofEpochSecond(epochNano / 1_000_000_000L, epochNano % 1_000_000_000L).toString();
  }
}
