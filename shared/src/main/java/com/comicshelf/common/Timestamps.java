package com.comicshelf.common;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The precision of every stored time: milliseconds. The RDS Data API carries timestamps as
 * {@code YYYY-MM-DD HH:MM:SS[.FFF]} both ways, so anything finer would not survive it, and keyset
 * cursors and the ranking's tie-break would then differ between adapters.
 */
public final class Timestamps {
  private Timestamps() {}

  /** Now, at the stored precision. */
  public static Instant now(Clock clock) {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  /** Whether {@code instant} can be stored and read back unchanged. */
  public static boolean isStorable(Instant instant) {
    return instant.getNano() % 1_000_000 == 0;
  }
}
