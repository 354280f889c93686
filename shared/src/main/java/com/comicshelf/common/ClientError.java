package com.comicshelf.common;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A failure caused by the caller, carrying what the client should be told.
 *
 * <p>The HTTP layer maps each {@link Kind} to a status; the message is written for the client and
 * never contains exception text from a library.
 */
public class ClientError extends RuntimeException {

  /** What went wrong, independent of transport. */
  public enum Kind {
    BAD_REQUEST,
    UNAUTHORIZED,
    FORBIDDEN,
    NOT_FOUND,
    CONFLICT,
    PAYLOAD_TOO_LARGE,
    UNSUPPORTED_MEDIA_TYPE,
    UNPROCESSABLE,
    /** Too many actions of this kind in the current window; see {@link #retryAfter}. */
    TOO_MANY_REQUESTS,
    /** An upstream service (e.g. the Graph API) failed; the client may retry later. */
    BAD_GATEWAY
  }

  private final Kind kind;
  private final String title;
  private final Map<String, Object> extensions;
  private final Duration retryAfter;

  public ClientError(Kind kind, String title, String detail) {
    this(kind, title, detail, Map.of());
  }

  public ClientError(Kind kind, String title, String detail, Map<String, Object> extensions) {
    this(kind, title, detail, extensions, null);
  }

  private ClientError(Kind kind, String title, String detail, Map<String, Object> extensions, Duration retryAfter) {
    super(Objects.requireNonNull(detail, "detail"), null, false, false);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.title = Objects.requireNonNull(title, "title");
    this.extensions = Map.copyOf(extensions);
    this.retryAfter = retryAfter;
  }

  /** A mistake the client can correct by waiting: answered with {@code Retry-After}. */
  public static ClientError retryLater(Kind kind, String title, String detail, Duration retryAfter) {
    return new ClientError(kind, title, detail, Map.of(), Objects.requireNonNull(retryAfter, "retryAfter"));
  }

  public static ClientError badRequest(String detail) {
    return new ClientError(Kind.BAD_REQUEST, "Bad request", detail);
  }

  public static ClientError notFound(String detail) {
    return new ClientError(Kind.NOT_FOUND, "Not found", detail);
  }

  public static ClientError forbidden(String detail) {
    return new ClientError(Kind.FORBIDDEN, "Forbidden", detail);
  }

  public static ClientError unprocessable(String detail) {
    return new ClientError(Kind.UNPROCESSABLE, "Invalid content", detail);
  }

  public Kind kind() {
    return kind;
  }

  public String title() {
    return title;
  }

  /** When the client may try again, if waiting helps. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** Extra members of the problem document (RFC 9457 extension members), e.g. {@code existingId}. */
  public Map<String, Object> extensions() {
    return extensions;
  }
}
