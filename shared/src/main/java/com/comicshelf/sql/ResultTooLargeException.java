package com.comicshelf.sql;

/** A result exceeded what the adapter can return in one response (the Data API's 1 MiB); page the query. */
public final class ResultTooLargeException extends SqlException {
  public ResultTooLargeException(String message, Throwable cause) {
    super(message, cause);
  }
}
