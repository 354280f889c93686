package com.comicshelf.sql;

import com.comicshelf.common.Timestamps;
import java.math.BigDecimal;
import java.time.Instant;

/** The parameter values every {@link SqlClient} accepts, checked alike so adapters cannot drift. */
public final class SqlValues {
  private SqlValues() {}

  /**
   * Returns {@code value} if an adapter can bind it exactly: null, {@code String}, {@code Long},
   * {@code Integer}, {@code Short}, {@code Boolean}, {@code BigDecimal}, or an {@code Instant} at
   * millisecond precision (see {@link Timestamps}). Anything else is a programming error.
   */
  public static Object checked(String name, Object value) {
    if (value == null
        || value instanceof String
        || value instanceof Long
        || value instanceof Integer
        || value instanceof Short
        || value instanceof Boolean
        || value instanceof BigDecimal) {
      return value;
    }
    if (value instanceof Instant instant) {
      if (!Timestamps.isStorable(instant)) {
        throw new IllegalArgumentException(
            "SQL parameter :" + name + " has sub-millisecond precision (" + instant + "), which the Data API would drop");
      }
      return instant;
    }
    throw new IllegalArgumentException(
        "SQL parameter :" + name + " has unsupported type " + value.getClass().getName());
  }
}
