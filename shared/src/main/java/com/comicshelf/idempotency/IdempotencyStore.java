package com.comicshelf.idempotency;

import java.time.Duration;
import java.time.Instant;

/**
 * Remembers, per user and {@code Idempotency-Key}, that a request was made and what it answered, so a
 * client retrying after a timeout gets the first answer instead of a second comic, upload or sync.
 * Records expire after {@link #RETENTION}; one past its expiry counts as absent even if not yet
 * deleted (DynamoDB's TTL deletes lazily).
 */
public interface IdempotencyStore {
  /** How long a key and its answer are kept. */
  Duration RETENTION = Duration.ofHours(24);

  /**
   * Claims {@code key} for a request whose contents hash to {@code requestHash}, for at most {@code
   * lockedFor} (the claimant's remaining time: a claimant that crashes frees its key when it is up).
   */
  Claim claim(String key, String requestHash, Instant now, Duration lockedFor);

  /** Stores the answer of the claimed request; later claims of the key get it. */
  void complete(String key, String requestHash, StoredResponse response, Instant now);

  /** Gives a claimed key up (the request failed in a way worth retrying); a retry runs afresh. */
  void release(String key, String requestHash);

  /** Deletes every key of {@code userId} and the answers stored with them (the person is leaving). */
  void forgetUser(long userId);

  /** The outcome of {@link #claim}. */
  sealed interface Claim {}

  /** The key is this request's: run it, then {@link #complete} or {@link #release}. */
  record Claimed() implements Claim {}

  /** The request ran before: answer what it answered. */
  record Completed(StoredResponse response) implements Claim {}

  /** The first request with this key is still running (or crashed less than its timeout ago). */
  record InProgress(Instant lockedUntil) implements Claim {}

  /** The key was used for a request with other contents. */
  record Mismatch() implements Claim {}

  /** An answer as the client got it. */
  record StoredResponse(int status, String contentType, String body) {}
}
