package com.comicshelf.bench;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** Microsecond UTC times as {@code DATETIME(6)} text and back. */
final class Datetimes {
  private Datetimes() {}

  /** Appends {@code YYYY-MM-DD HH:MM:SS.ffffff}. */
  static void append(StringBuilder out, long micros) {
    LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), 0, ZoneOffset.UTC);
    out.append(t.getYear()).append('-');
    two(out, t.getMonthValue()).append('-');
    two(out, t.getDayOfMonth()).append(' ');
    two(out, t.getHour()).append(':');
    two(out, t.getMinute()).append(':');
    two(out, t.getSecond()).append('.');
    String fraction = Long.toString(1_000_000L + Math.floorMod(micros, 1_000_000L));
    out.append(fraction, 1, 7);
  }

  static long micros(Instant instant) {
    return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
  }

  static long micros(LocalDateTime utc) {
    return micros(utc.toInstant(ZoneOffset.UTC));
  }

  private static StringBuilder two(StringBuilder out, int value) {
    if (value < 10) {
      out.append('0');
    }
    return out.append(value);
  }
}
