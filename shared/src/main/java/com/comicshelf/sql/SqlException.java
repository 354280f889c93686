package com.comicshelf.sql;

/** A failure reported by the database or the connection to it; never shown to clients. */
public class SqlException extends RuntimeException {
  public SqlException(String message, Throwable cause) {
    super(message, cause);
  }
}
