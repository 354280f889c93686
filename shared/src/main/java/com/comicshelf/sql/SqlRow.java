package com.comicshelf.sql;

import java.time.Instant;

/** Read access to one result row by column label, free of any driver type. */
public interface SqlRow {
  long getLong(String column);

  /** Null when the column is SQL NULL. */
  Long getNullableLong(String column);

  int getInt(String column);

  /** Null when the column is SQL NULL. */
  String getString(String column);

  /** A DATETIME column, stored in UTC; null when SQL NULL. */
  Instant getInstant(String column);
}
