package com.comicshelf.sql;

/** A row referenced a missing parent (MySQL error 1452). */
public final class ForeignKeyViolationException extends SqlException {
  public ForeignKeyViolationException(String message, Throwable cause) {
    super(message, cause);
  }
}
