package com.comicshelf.sql;

import java.time.Duration;
import java.util.Objects;

/**
 * The database cannot be reached now (down, restarting, an Aurora cluster resuming from pause) and
 * did not come back within the request's time. Clients are told to retry after {@link #retryAfter}.
 */
public final class DatabaseUnavailableException extends SqlException {
  private final Duration retryAfter;

  public DatabaseUnavailableException(String message, Duration retryAfter, Throwable cause) {
    super(message, cause);
    this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
  }

  /** Transaction conflicts went on until the deadline: the database is too busy for this request now. */
  public static DatabaseUnavailableException busy(RuntimeException lastConflict) {
    return new DatabaseUnavailableException(
        "transaction conflicts did not clear before the deadline", Duration.ofSeconds(1), lastConflict);
  }

  /** When a retry is likely to succeed. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
