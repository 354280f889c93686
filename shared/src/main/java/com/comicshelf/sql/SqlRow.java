package com.comicshelf.sql;

import java.math.BigDecimal;
import java.time.Instant;

/** Read access to one result row by column label, free of any driver type. */
public interface SqlRow {
  long getLong(String column);

  /** Null when the column is SQL NULL. */
  Long getNullableLong(String column);

  int getInt(String column);

  /** Null when the column is SQL NULL. */
  String getString(String column);

  /** A DATETIME column, stored in UTC at millisecond precision; null when SQL NULL. */
  Instant getInstant(String column);

  /** A BOOLEAN / TINYINT(1) / BIT(1) column; false when SQL NULL, as JDBC does. */
  boolean getBoolean(String column);

  /** A DECIMAL column, exactly; null when SQL NULL. */
  BigDecimal getBigDecimal(String column);
}
