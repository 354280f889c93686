package com.comicshelf.sql;

/** A unique or primary key was violated (MySQL error 1062). */
public final class DuplicateKeyException extends SqlException {
  public DuplicateKeyException(String message, Throwable cause) {
    super(message, cause);
  }
}
