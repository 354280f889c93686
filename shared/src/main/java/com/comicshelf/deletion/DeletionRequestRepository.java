package com.comicshelf.deletion;

import com.comicshelf.sql.Params;
import com.comicshelf.sql.SqlClient;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;

/** The {@code deletion_requests} table. */
public final class DeletionRequestRepository {
  private final SqlClient sql;

  @Inject
  public DeletionRequestRepository(SqlClient sql) {
    this.sql = sql;
  }

  /** A request as stored: whose it is while pending (nobody's once done). */
  record StoredRequest(String code, Optional<Long> userId, DeletionStatus status) {}

  /** The code of the user's pending deletion, if one is pending. */
  Optional<String> pendingCodeOf(long userId) {
    return sql.queryOne(
        "SELECT code FROM deletion_requests WHERE user_id = :userId",
        Map.of("userId", userId),
        row -> row.getString("code"));
  }

  /** Records a pending deletion; a {@code DuplicateKeyException} when the user already has one. */
  void insertPending(String code, long userId, DeletionOrigin origin, Instant now) {
    sql.update(
        """
        INSERT INTO deletion_requests (code, user_id, origin, status, requested_at)
        VALUES (:code, :userId, :origin, 'pending', :now)
        """,
        Params.with("code", code).and("userId", userId).and("origin", origin.text()).and("now", now).map());
  }

  Optional<StoredRequest> find(String code) {
    return sql.queryOne(
        "SELECT code, user_id, status FROM deletion_requests WHERE code = :code",
        Map.of("code", code),
        row ->
            new StoredRequest(
                row.getString("code"),
                Optional.ofNullable(row.getNullableLong("user_id")),
                DeletionStatus.of(row.getString("status"))));
  }

  /** The oldest pending codes first: those a sweep resumes. */
  List<String> pendingCodes(int limit) {
    return sql.query(
        """
        SELECT code FROM deletion_requests
        WHERE status = 'pending'
        ORDER BY requested_at
        LIMIT :limit
        """,
        Map.of("limit", limit),
        row -> row.getString("code"));
  }

  /** Marks the request done and unties it from its person (joins the caller's transaction). */
  void markDone(String code, Instant now) {
    sql.update(
        """
        UPDATE deletion_requests SET status = 'done', user_id = NULL, completed_at = :now
        WHERE code = :code AND status = 'pending'
        """,
        Map.of("code", code, "now", now));
  }
}
