package com.comicshelf.sql;

/** A statement ran past the adapter's time limit (the Data API cancels calls after 45 s). */
public final class StatementTimeoutException extends SqlException {
  public StatementTimeoutException(String message, Throwable cause) {
    super(message, cause);
  }
}
