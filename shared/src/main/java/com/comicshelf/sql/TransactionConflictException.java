package com.comicshelf.sql;

/**
 * The database gave up a transaction because of other transactions (a deadlock, MySQL 1213; a lock
 * wait timeout, 1205) or ended it on its own (the Data API forgets an aborted or idle transaction).
 * Nothing of it was committed, so running the whole transaction again is safe.
 */
public final class TransactionConflictException extends SqlException {
  public TransactionConflictException(String message, Throwable cause) {
    super(message, cause);
  }
}
