package com.comicshelf.idempotency;

import com.comicshelf.sql.DuplicateKeyException;
import com.comicshelf.sql.Params;
import com.comicshelf.sql.SqlClient;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

/**
 * {@link IdempotencyStore} in the relational database ({@code idempotency_keys}): what the local
 * gateway uses by default, so a local run needs only a JDK and Maven. A claim inserts the key; when it
 * exists, the row is read locked and taken over only if expired or abandoned.
 */
public final class SqlIdempotencyStore implements IdempotencyStore {
  private final SqlClient sql;

  public SqlIdempotencyStore(SqlClient sql) {
    this.sql = sql;
  }

  @Override
  public Claim claim(String key, String requestHash, Instant now, Duration lockedFor) {
    Instant at = now.truncatedTo(ChronoUnit.MILLIS);
    Map<String, Object> fresh =
        Params.with("id", key)
            .and("hash", requestHash)
            .and("lockedUntil", at.plus(lockedFor).truncatedTo(ChronoUnit.MILLIS))
            .and("expiresAt", at.plus(RETENTION))
            .and("now", at)
            .map();
    try {
      sql.update(
          """
          INSERT INTO idempotency_keys (id, request_hash, state, locked_until, expires_at)
          VALUES (:id, :hash, 'in_progress', :lockedUntil, :expiresAt)
          """,
          fresh);
      return new Claimed();
    } catch (DuplicateKeyException taken) {
      return sql.inTransaction(() -> claimExisting(fresh, requestHash, at));
    }
  }

  private Claim claimExisting(Map<String, Object> fresh, String requestHash, Instant now) {
    Optional<Row> row =
        sql.queryOne(
            """
            SELECT request_hash, state, locked_until, expires_at, response_status, response_content_type, response_body
            FROM idempotency_keys WHERE id = :id FOR UPDATE
            """,
            fresh,
            r ->
                new Row(
                    r.getString("request_hash"),
                    r.getString("state"),
                    r.getInstant("locked_until"),
                    r.getInstant("expires_at"),
                    r.getNullableLong("response_status"),
                    r.getString("response_content_type"),
                    r.getString("response_body")));
    if (row.isEmpty() || !row.get().expiresAt().isAfter(now)) {
      sql.update("DELETE FROM idempotency_keys WHERE id = :id", fresh);
      sql.update(
          """
          INSERT INTO idempotency_keys (id, request_hash, state, locked_until, expires_at)
          VALUES (:id, :hash, 'in_progress', :lockedUntil, :expiresAt)
          """,
          fresh);
      return new Claimed();
    }
    Row existing = row.get();
    if (!existing.requestHash().equals(requestHash)) {
      return new Mismatch();
    }
    if (existing.state().equals("completed")) {
      return new Completed(
          new StoredResponse(existing.status().intValue(), existing.contentType(), existing.body()));
    }
    if (existing.lockedUntil().isAfter(now)) {
      return new InProgress(existing.lockedUntil());
    }
    // The first attempt ran past its function's timeout without finishing: it died; take over.
    sql.update("UPDATE idempotency_keys SET locked_until = :lockedUntil WHERE id = :id", fresh);
    return new Claimed();
  }

  @Override
  public void complete(String key, String requestHash, StoredResponse response, Instant now) {
    sql.update(
        """
        UPDATE idempotency_keys
        SET state = 'completed', response_status = :status, response_content_type = :type, response_body = :body
        WHERE id = :id AND request_hash = :hash
        """,
        Params.with("id", key)
            .and("hash", requestHash)
            .and("status", response.status())
            .and("type", response.contentType())
            .and("body", response.body())
            .map());
  }

  @Override
  public void forgetUser(long userId) {
    // Keys are "<userId>#<Idempotency-Key>"; the primary key's order makes this a range scan.
    sql.update("DELETE FROM idempotency_keys WHERE id LIKE :prefix", Map.of("prefix", userId + "#%"));
  }

  @Override
  public void release(String key, String requestHash) {
    sql.update(
        "DELETE FROM idempotency_keys WHERE id = :id AND request_hash = :hash AND state = 'in_progress'",
        Map.of("id", key, "hash", requestHash));
  }

  /** Deletes keys expired before {@code now}, a batch at a time; returns how many went. */
  public int deleteExpired(Instant now) {
    return sql.update(
        "DELETE FROM idempotency_keys WHERE expires_at < :now LIMIT 1000", Map.of("now", now.truncatedTo(ChronoUnit.MILLIS)));
  }

  private record Row(
      String requestHash,
      String state,
      Instant lockedUntil,
      Instant expiresAt,
      Long status,
      String contentType,
      String body) {}
}
