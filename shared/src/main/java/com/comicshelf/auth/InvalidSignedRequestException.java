package com.comicshelf.auth;

/** Why a {@code signed_request} was refused; logged, never sent to the client in detail. */
public final class InvalidSignedRequestException extends RuntimeException {

  /** The reason a token was refused. */
  public enum Reason {
    MALFORMED,
    BAD_SIGNATURE,
    UNSUPPORTED_ALGORITHM,
    EXPIRED,
    ISSUED_IN_FUTURE
  }

  private final Reason reason;

  public InvalidSignedRequestException(Reason reason) {
    super(reason.name(), null, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
