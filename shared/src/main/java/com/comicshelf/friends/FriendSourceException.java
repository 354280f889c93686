package com.comicshelf.friends;

/** The friend source refused or failed; the kind decides what the client is told. */
public final class FriendSourceException extends RuntimeException {

  /** Why friends could not be fetched. */
  public enum Kind {
    /** The access token is invalid or expired: the user must log in again. */
    TOKEN_REJECTED,
    /** The source answered with an error or nonsense, or could not be reached. */
    UNAVAILABLE
  }

  private final Kind kind;

  public FriendSourceException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
